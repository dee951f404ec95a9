package com.gopherpay.novu.connect.config;

/**
 * Validation messages that name the key but never quote its value. Connect resolves config providers before it
 * validates, so a value may be a secret ({@code novu.api.url=${env:SOME_SECRET}}); Kafka's own messages ("Invalid
 * value X for configuration K: ...") would hand it to whoever calls the validate endpoint, and to the logs.
 */
public final class ValidationMessages {

    private static final String INVALID_VALUE = "Invalid value ";
    private static final String REDACTED = "[redacted]";
    /** Shorter values are left alone: they cannot be a secret, and replacing them would garble the message. */
    private static final int MIN_REDACTED_LENGTH = 4;

    private ValidationMessages() {}

    /** "Invalid value for configuration {key}: {problem}", the shape Kafka uses, minus the value. */
    public static String invalid(String key, String problem) {
        return "Invalid value for configuration " + key + ": " + problem;
    }

    /**
     * The message with the value taken out: Kafka's "Invalid value X for configuration K" prefix loses X, and any
     * other occurrence of the raw value (or its trimmed form) becomes {@value #REDACTED}.
     *
     * @param rawValue the value as given, or null
     */
    public static String withoutValue(String key, String rawValue, String message) {
        String result = message;
        String marker = " for configuration " + key;
        if (result.startsWith(INVALID_VALUE)) {
            // The last marker followed by the end or ": ": the value comes before it and may itself contain the marker.
            int at = result.lastIndexOf(marker);
            while (at >= INVALID_VALUE.length() - 1) {
                String rest = result.substring(at + marker.length());
                if (rest.isEmpty() || rest.startsWith(": ")) {
                    result = "Invalid value" + marker + rest;
                    break;
                }
                at = result.lastIndexOf(marker, at - 1);
            }
        }
        if (rawValue != null) {
            result = redact(result, rawValue);
            result = redact(result, rawValue.trim());
        }
        return result;
    }

    private static String redact(String message, String value) {
        return value.length() < MIN_REDACTED_LENGTH ? message : message.replace(value, REDACTED);
    }
}
