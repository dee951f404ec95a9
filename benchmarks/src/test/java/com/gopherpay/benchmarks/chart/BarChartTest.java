package com.gopherpay.benchmarks.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.data.Offset.offset;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Node;

class BarChartTest {

    private static final List<String> PERCENTILES = List.of("p50", "p90", "p95", "p99", "p99.9", "max");

    private static BarChart javaAndNative() {
        return new BarChart(
                        "Registration latency at saturation",
                        List.of("# 2026-12-02T02:30:00Z | 2 cores (AMD EPYC) | Java 17.0.15", "Argon2id m=19456 KiB"),
                        PERCENTILES,
                        "percentile",
                        "ms")
                .add("java", List.of(60.0, 70.0, 78.0, 108.0, 140.0, 144.0))
                .add("native", List.of(40.0, 48.0, 52.0, 70.0, 90.0, 95.5));
    }

    @Test
    void rendersWellFormedSvgWithTitleMachineLineAxesAndLegend() throws Exception {
        SvgDocuments svg = SvgDocuments.parse(javaAndNative().render());

        assertThat(svg.document().getDocumentElement().getTagName()).isEqualTo("svg");
        assertThat(svg.document().getDocumentElement().getAttribute("xmlns")).isEqualTo(Svg.NAMESPACE);
        assertThat(svg.texts("//text[@class='title']")).containsExactly("Registration latency at saturation");
        assertThat(svg.texts("//text[@class='subtitle']"))
                .containsExactly("# 2026-12-02T02:30:00Z | 2 cores (AMD EPYC) | Java 17.0.15", "Argon2id m=19456 KiB");
        assertThat(svg.nodes("//g[@class='axis x']/line")).isNotEmpty();
        assertThat(svg.nodes("//g[@class='axis y']/line")).isNotEmpty();
        assertThat(svg.texts("//g[@class='axis x']/text[@class='tick']")).containsExactlyElementsOf(PERCENTILES);
        assertThat(svg.texts("//g[@class='axis x']/text[@class='label']")).containsExactly("percentile");
        assertThat(svg.texts("//g[@class='axis y']/text[@class='label']")).containsExactly("ms");
        assertThat(svg.texts("//g[@class='legend']/text")).containsExactly("java", "native");
        assertThat(svg.nodes("//text[@class='empty']")).isEmpty();
    }

    @Test
    void drawsOneBarPerCategoryAndSeriesSideBySideWithItsValue() throws Exception {
        SvgDocuments svg = SvgDocuments.parse(javaAndNative().render());

        assertThat(svg.nodes("//g[@class='series']")).hasSize(2);
        assertThat(svg.nodes("//g[@class='series' and @data-name='java']/rect")).hasSize(6);
        assertThat(svg.nodes("//g[@class='series' and @data-name='native']/rect"))
                .hasSize(6);
        assertThat(svg.texts("//g[@data-name='native']/text[@class='value']"))
                .containsExactly("40", "48", "52", "70", "90", "95.5");
        double javaP50 = Double.parseDouble(svg.attribute("(//g[@data-name='java']/rect)[1]/@x"));
        double nativeP50 = Double.parseDouble(svg.attribute("(//g[@data-name='native']/rect)[1]/@x"));
        double javaP90 = Double.parseDouble(svg.attribute("(//g[@data-name='java']/rect)[2]/@x"));
        assertThat(nativeP50).isGreaterThan(javaP50).isLessThan(javaP90);
    }

    @Test
    void barHeightsAreProportionalToTheirValues() throws Exception {
        SvgDocuments svg = SvgDocuments.parse(new BarChart("t", List.of(), List.of("a", "b"), "x", "y")
                .add("s", List.of(25.0, 100.0))
                .render());

        double a = Double.parseDouble(svg.attribute("(//g[@data-name='s']/rect)[1]/@height"));
        double b = Double.parseDouble(svg.attribute("(//g[@data-name='s']/rect)[2]/@height"));
        assertThat(b).isGreaterThan(0);
        assertThat(a / b).isCloseTo(0.25, offset(0.01));
    }

    @Test
    void yAxisCoversTheLargestValueWithRoundTicks() throws Exception {
        SvgDocuments svg = SvgDocuments.parse(javaAndNative().render());

        List<String> ticks = svg.texts("//g[@class='axis y']/text[@class='tick']");
        assertThat(ticks).startsWith("0").contains("160");
        assertThat(Double.parseDouble(ticks.get(ticks.size() - 1))).isGreaterThanOrEqualTo(144);
    }

    @Test
    void escapesMarkupInTitlesAndNames() throws Exception {
        SvgDocuments svg = SvgDocuments.parse(
                new BarChart("201 -> SMTP <accepted> & \"quoted\"", List.of("a 'machine'"), List.of("p<50>"), "x", "y")
                        .add("java & native", List.of(1.0))
                        .render());

        assertThat(svg.texts("//text[@class='title']")).containsExactly("201 -> SMTP <accepted> & \"quoted\"");
        assertThat(svg.texts("//text[@class='subtitle']")).containsExactly("a 'machine'");
        assertThat(svg.texts("//g[@class='legend']/text")).containsExactly("java & native");
        assertThat(svg.attribute("//g[@class='series']/@data-name")).isEqualTo("java & native");
    }

    @Test
    void aLegendTooWideForOneRowWrapsInsideTheChart() throws Exception {
        BarChart chart = new BarChart("t", List.of(), List.of("p50"), "x", "y");
        for (int i = 0; i < 8; i++) {
            chart.add("native registration at 80 % of capacity #" + i, List.of(1.0 + i));
        }
        SvgDocuments svg = SvgDocuments.parse(chart.render());

        List<Node> entries = svg.nodes("//g[@class='legend']/text");
        assertThat(entries).hasSize(8);
        assertThat(entries.stream()
                        .map(e -> e.getAttributes().getNamedItem("y").getNodeValue())
                        .distinct())
                .hasSizeGreaterThan(1);
        for (Node entry : entries) {
            assertThat(Double.parseDouble(
                            entry.getAttributes().getNamedItem("x").getNodeValue()))
                    .isLessThan(Chart.WIDTH);
        }
        double lastLegendRow = Double.parseDouble(svg.attribute("(//g[@class='legend']/text)[8]/@y"));
        double plotTop = Double.parseDouble(svg.attribute("(//g[@class='axis y']/line)[1]/@y1"));
        assertThat(plotTop).isGreaterThan(lastLegendRow);
    }

    @Test
    void withoutDataSaysSoAndStaysValid() throws Exception {
        SvgDocuments svg = SvgDocuments.parse(new BarChart("t", List.of(), PERCENTILES, "x", "y").render());

        assertThat(svg.texts("//text[@class='empty']")).containsExactly("no data");
        assertThat(svg.nodes("//g[@class='series']")).isEmpty();
    }

    @Test
    void rejectsValuesThatDoNotMatchTheCategories() {
        BarChart chart = new BarChart("t", List.of(), PERCENTILES, "x", "y");

        assertThatIllegalArgumentException()
                .isThrownBy(() -> chart.add("java", List.of(1.0, 2.0)))
                .withMessageContaining("2 values for 6 categories");
    }
}
