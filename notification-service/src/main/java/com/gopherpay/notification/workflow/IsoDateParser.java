package com.gopherpay.notification.workflow;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import liqp.filters.date.Parser;

/**
 * Liqp's date parser with a fast path for ISO-8601 date-times with an offset or {@code Z}
 * ({@code 2026-11-25T10:00:00Z}, what {@code Instant.toString()} and identity-service send). Liqp tries its list of
 * patterns one after the other, each failure a {@code DateTimeParseException}; for such values that was a large part
 * of rendering an email. The result is exactly the one liqp's own parser gives for the same text, including its
 * reading of a trailing {@code Z} as the default zone (UTC here); anything else goes to liqp's parser unchanged.
 */
final class IsoDateParser extends Parser {

    @Override
    public ZonedDateTime parse(String text, Locale locale, ZoneId defaultZone) {
        try {
            if (isUtcInstant(text)) {
                return LocalDateTime.parse(text.substring(0, text.length() - 1), DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                        .atZone(defaultZone);
            }
            if (isOffsetDateTime(text)) {
                return getZonedDateTimeFromTemporalAccessor(
                        DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text), defaultZone);
            }
        } catch (DateTimeParseException e) {
            // Shaped like one but not a date-time: liqp's patterns decide.
        }
        return super.parse(text, locale, defaultZone);
    }

    /** {@code 2026-11-25T10:00:00Z} with none, 3, 6 or 9 digits of fraction: the forms liqp reads with a Z. */
    private static boolean isUtcInstant(String text) {
        int length = text == null ? 0 : text.length();
        return (length == 20 || length == 24 || length == 27 || length == 30) && isDateTime(text) && text.endsWith("Z");
    }

    /** {@code 2026-11-25T10:00:00+02:00}: liqp reads an offset only without a fraction. */
    private static boolean isOffsetDateTime(String text) {
        return text != null
                && text.length() == 25
                && isDateTime(text)
                && (text.charAt(19) == '+' || text.charAt(19) == '-');
    }

    private static boolean isDateTime(String text) {
        return text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T' && text.charAt(13) == ':';
    }
}
