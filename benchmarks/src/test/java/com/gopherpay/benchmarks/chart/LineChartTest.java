package com.gopherpay.benchmarks.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LineChartTest {

    private static List<Point> perSecond(double... values) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            points.add(new Point(i, values[i]));
        }
        return points;
    }

    private static LineChart throughput() {
        return new LineChart(
                        "Registrations per second", List.of("# machine line"), "seconds into the window", "per second")
                .add("java", perSecond(60, 62, 64, 63))
                .add("native", perSecond(90, 95, 97, 96));
    }

    @Test
    void drawsOneLineWithAPointPerBucketForEachSeries() throws Exception {
        SvgDocuments svg = SvgDocuments.parse(throughput().render());

        assertThat(svg.nodes("//g[@class='series']")).hasSize(2);
        String points = svg.attribute("//g[@data-name='native']/polyline/@points");
        assertThat(points.split(" ")).hasSize(4);
        assertThat(svg.nodes("//g[@data-name='java']/circle")).hasSize(4);
        assertThat(svg.texts("//g[@class='legend']/text")).containsExactly("java", "native");
        assertThat(svg.texts("//text[@class='subtitle']")).containsExactly("# machine line");
    }

    @Test
    void higherValuesAreDrawnHigherAndLaterPointsFurtherRight() throws Exception {
        SvgDocuments svg = SvgDocuments.parse(new LineChart("t", List.of(), "x", "y")
                .add("s", perSecond(10, 40))
                .render());

        String[] points = svg.attribute("//g[@data-name='s']/polyline/@points").split(" ");
        String[] first = points[0].split(",");
        String[] second = points[1].split(",");
        assertThat(Double.parseDouble(second[0])).isGreaterThan(Double.parseDouble(first[0]));
        // SVG's y grows downwards.
        assertThat(Double.parseDouble(second[1])).isLessThan(Double.parseDouble(first[1]));
    }

    @Test
    void xAxisTicksCoverTheRun() throws Exception {
        double[] sixtySeconds = new double[61];
        Arrays.fill(sixtySeconds, 50);
        SvgDocuments svg = SvgDocuments.parse(new LineChart("t", List.of(), "seconds", "per second")
                .add("s", perSecond(sixtySeconds))
                .render());

        assertThat(svg.texts("//g[@class='axis x']/text[@class='tick']"))
                .startsWith("0")
                .endsWith("60");
        assertThat(svg.texts("//g[@class='axis x']/text[@class='label']")).containsExactly("seconds");
        assertThat(svg.nodes("//g[@class='axis y']/line[@class='grid']")).hasSizeGreaterThan(2);
    }

    @Test
    void writesTheChartToAFileInANewDirectory(@TempDir Path directory) throws Exception {
        Path file = directory.resolve("run").resolve("throughput.svg");

        throughput().writeTo(file);

        assertThat(SvgDocuments.parse(Files.readString(file)).nodes("//g[@class='series']"))
                .hasSize(2);
    }

    @Test
    void wrapsASubtitleLineTooLongForTheChartAtASpace() throws Exception {
        String ratios = "ratios: " + "throughput gain / single-hash gain 97 %; ".repeat(8) + "end";
        SvgDocuments svg = SvgDocuments.parse(new LineChart("t", List.of("# machine", ratios), "x", "y")
                .add("s", perSecond(1, 2))
                .render());

        List<String> lines = svg.texts("//text[@class='subtitle']");
        assertThat(lines).hasSizeGreaterThan(3).startsWith("# machine");
        assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Chart.SUBTITLE_CHARACTERS));
        assertThat(String.join(" ", lines.subList(1, lines.size())).replaceAll("\\s+", " "))
                .isEqualTo(ratios);
    }

    @Test
    void rejectsTwoSeriesWithTheSameName() {
        LineChart chart = throughput();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> chart.add("java", perSecond(1)))
                .withMessageContaining("java");
    }
}
