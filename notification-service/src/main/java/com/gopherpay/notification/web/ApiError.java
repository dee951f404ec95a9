package com.gopherpay.notification.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An error answered the way Novu's API answers it: {@code statusCode}, {@code timestamp}, {@code path},
 * {@code message}, the context both under {@code ctx} and flat at the top level, and any extra top-level fields.
 */
public final class ApiError extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, Object> context;
    private final Map<String, Object> extra;

    private ApiError(HttpStatus status, String message, Map<String, Object> context, Map<String, Object> extra) {
        super(message, null, false, false);
        this.status = status;
        this.context = context;
        this.extra = extra;
    }

    /** Like Nest's {@code new XxxException(message)}: the context is {@code {statusCode, error}}. */
    public static ApiError http(HttpStatus status, String message) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("statusCode", status.value());
        context.put("error", status.getReasonPhrase());
        return new ApiError(status, message, context, Map.of());
    }

    /** An error with its own context, for a feature's failure (Novu puts the context both under ctx and flat). */
    public static ApiError of(HttpStatus status, String message, Map<String, Object> context) {
        return new ApiError(status, message, context, Map.of());
    }

    /** Novu's command validation error: 422 "Validation Error" with per-field {@code errors}. */
    public static ApiError validation(Map<String, Object> errors) {
        return new ApiError(HttpStatus.UNPROCESSABLE_ENTITY, "Validation Error", Map.of(), Map.of("errors", errors));
    }

    public HttpStatus status() {
        return status;
    }

    /** The body Novu sends for this error at {@code path} and {@code timestamp}. */
    public Map<String, Object> body(String path, String timestamp) {
        Map<String, Object> body = new LinkedHashMap<>(context);
        body.put("statusCode", status.value());
        body.put("timestamp", timestamp);
        body.put("path", path);
        body.put("message", getMessage());
        body.put("ctx", context);
        body.putAll(extra);
        return body;
    }
}
