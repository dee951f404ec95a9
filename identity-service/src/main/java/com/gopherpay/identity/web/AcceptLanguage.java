package com.gopherpay.identity.web;

import java.util.Locale;
import java.util.Optional;

/**
 * The locale a request's {@code Accept-Language} asks for, held to the same bounds as the {@code locale} body field:
 * a well-formed tag with a language, at most {@link #MAX_TAG_LENGTH} characters. The header is the browser's, not the
 * person's, so what breaks the rules is skipped rather than refused.
 */
public final class AcceptLanguage {

    /** Longest language tag kept, as for the {@code locale} field (RFC 5646 §4.4.1 suggests 35). */
    public static final int MAX_TAG_LENGTH = 35;

    /** Longer headers are ignored whole: no browser sends one, and parsing it is work for nothing. */
    static final int MAX_HEADER_LENGTH = 1024;

    private AcceptLanguage() {}

    /** The first range, in the header's order of preference, that names a usable language; empty if none does. */
    public static Optional<String> preferredTag(String header) {
        if (header == null || header.isBlank() || header.length() > MAX_HEADER_LENGTH) {
            return Optional.empty();
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                if (range.getRange().contains("*")) {
                    continue;
                }
                Locale locale = Locale.forLanguageTag(range.getRange());
                String tag = locale.toLanguageTag();
                if (!locale.getLanguage().isEmpty() && tag.length() <= MAX_TAG_LENGTH) {
                    return Optional.of(tag);
                }
            }
        } catch (IllegalArgumentException e) {
            // Malformed: the browser's problem, not the person's.
        }
        return Optional.empty();
    }
}
