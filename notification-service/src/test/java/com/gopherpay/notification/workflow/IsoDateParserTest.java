package com.gopherpay.notification.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import liqp.filters.date.Parser;
import org.junit.jupiter.api.Test;

/** The fast path gives exactly what liqp's own date parser gives, and leaves every other text to it. */
class IsoDateParserTest {

    private final Parser liqp = new Parser();
    private final IsoDateParser fast = new IsoDateParser();

    @Test
    void parsesIsoDateTimesAsLiqpDoesWhateverTheirFraction() {
        String digits = "123456789";
        for (int fraction = 0; fraction <= digits.length(); fraction++) {
            for (String zoneSuffix : List.of("Z", "+02:00", "-05:30")) {
                String text =
                        "2026-11-25T10:00:00" + (fraction == 0 ? "" : "." + digits.substring(0, fraction)) + zoneSuffix;
                for (ZoneId zone : List.of(ZoneOffset.UTC, ZoneId.of("Europe/Berlin"))) {
                    assertThat(fast.parse(text, Locale.ENGLISH, zone))
                            .as("%s in %s", text, zone)
                            .isEqualTo(liqp.parse(text, Locale.ENGLISH, zone));
                }
            }
        }
    }

    @Test
    void keepsLiqpsAnswerForTextsShapedLikeButNotDateTimes() {
        for (String text : List.of("2026-13-25T10:00:00Z", "2026-11-25T25:00:00+02:00", "2026-11-25T10:00:00+2:000")) {
            assertThat(fast.parse(text, Locale.ENGLISH, ZoneOffset.UTC))
                    .as(text)
                    .isEqualTo(liqp.parse(text, Locale.ENGLISH, ZoneOffset.UTC));
        }
    }

    @Test
    void leavesOtherFormatsToLiqp() {
        // (Texts liqp cannot read at all give the current time, so they cannot be compared here.)
        for (String text : List.of("2026-11-25 10:00:00", "2026-11-25T10:00:00", "2026-11-25T10:00:00 +0200")) {
            assertThat(fast.parse(text, Locale.ENGLISH, ZoneOffset.UTC))
                    .as(text)
                    .isEqualTo(liqp.parse(text, Locale.ENGLISH, ZoneOffset.UTC));
        }
    }
}
