package com.gopherpay.benchmarks.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class SvgTest {

    @Test
    void escapesMarkupAndDropsCharactersXmlCannotCarry() throws Exception {
        String svg = new Svg(10, 10)
                .text("a < b & c > \"d\" 'e'\u0001\u0007 ü", "class", "x\"y")
                .finish();

        SvgDocuments document = SvgDocuments.parse(svg);
        assertThat(document.texts("//text")).containsExactly("a < b & c > \"d\" 'e' ü");
        assertThat(document.attribute("//text/@class")).isEqualTo("x\"y");
    }

    @Test
    void numbersIgnoreTheDefaultLocale() {
        Locale previous = Locale.getDefault();
        try {
            Locale.setDefault(Locale.GERMANY);
            assertThat(Svg.number(12.34)).isEqualTo("12.3");
        } finally {
            Locale.setDefault(previous);
        }
    }

    @Test
    void groupsNestAndClose() throws Exception {
        String svg = new Svg(10, 10)
                .group("outer")
                .group("inner", "data-name", "n")
                .element("rect", "width", "1")
                .close()
                .close()
                .finish();

        assertThat(SvgDocuments.parse(svg).nodes("//g[@class='outer']/g[@class='inner']/rect"))
                .hasSize(1);
    }

    @Test
    void attributesComeInPairs() {
        assertThatIllegalArgumentException().isThrownBy(() -> new Svg(1, 1).element("rect", "width"));
    }
}
