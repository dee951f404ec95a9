package com.gopherpay.novu.connect.config;

import java.util.Arrays;
import java.util.Locale;

/** What the task does with a record Novu rejects permanently when no errant-record reporter (DLQ) is configured. */
public enum ClientErrorBehavior {
    /** Fail the task, naming the record: nothing is skipped silently. */
    FAIL,
    /** Log the rejection (without the API key) and move on. */
    LOG;

    static String[] names() {
        return Arrays.stream(values()).map(ClientErrorBehavior::configValue).toArray(String[]::new);
    }

    String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ClientErrorBehavior parse(String value) {
        return valueOf(value.trim().toUpperCase(Locale.ROOT));
    }
}
