package com.gopherpay.notification.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Collects per-field problems into Novu's 422 shape {@code errors: {field: {messages: [...], value}}}. */
public final class ValidationErrors {

    private static final String NO_VALUE = "No Value Recorded";

    private final Map<String, Map<String, Object>> errors = new LinkedHashMap<>();

    @SuppressWarnings("unchecked")
    public void add(String field, Object value, String message) {
        Map<String, Object> entry = errors.computeIfAbsent(field, f -> {
            Map<String, Object> created = new LinkedHashMap<>();
            created.put("messages", new ArrayList<String>());
            created.put("value", value == null ? NO_VALUE : value);
            return created;
        });
        ((List<String>) entry.get("messages")).add(message);
    }

    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ApiError.validation(new LinkedHashMap<>(errors));
        }
    }
}
