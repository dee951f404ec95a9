package com.gopherpay.novu.contract;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted answer that replaces the stub's normal behaviour for a request: an error status with a Novu-shaped error
 * body, optionally with extra headers, or a delay before answering normally (to provoke client timeouts).
 */
public final class Fault {

    final int status;
    final String message;
    final Map<String, Object> extraBody;
    final Map<String, String> headers;
    final Duration delay;

    private Fault(
            int status, String message, Map<String, Object> extraBody, Map<String, String> headers, Duration delay) {
        this.status = status;
        this.message = message;
        this.extraBody = extraBody;
        this.headers = headers;
        this.delay = delay;
    }

    /** An error status with a generic Novu error body. */
    public static Fault status(int status) {
        return new Fault(status, defaultMessage(status), Map.of(), Map.of(), Duration.ZERO);
    }

    /** 429 as Novu's rate limiter answers it, with {@code Retry-After} in whole seconds. */
    public static Fault rateLimited(Duration retryAfter) {
        return new Fault(
                429,
                "API rate limit exceeded",
                Map.of(),
                Map.of("Retry-After", Long.toString(retryAfter.toSeconds())),
                Duration.ZERO);
    }

    /** 503 as Novu answers when the organization kill switch is on. */
    public static Fault unavailable() {
        return new Fault(
                503, "Service temporarily unavailable for this organization", Map.of(), Map.of(), Duration.ZERO);
    }

    /** 500 with an {@code errorId}, as Novu's exception filter answers unexpected errors. */
    public static Fault internalError() {
        return new Fault(500, "Internal server error", Map.of("errorId", "stub-error-id"), Map.of(), Duration.ZERO);
    }

    /** 400 as Novu answers when the payload fails the workflow's payload schema. */
    public static Fault payloadValidation() {
        return new Fault(
                400,
                "Payload validation failed: payload must have required property 'verificationLink'",
                Map.of(
                        "type",
                        "PAYLOAD_VALIDATION_ERROR",
                        "errors",
                        java.util.List.of(Map.of(
                                "field", "verificationLink",
                                "message", "must have required property 'verificationLink'",
                                "schemaPath", "#/required"))),
                Map.of(),
                Duration.ZERO);
    }

    /**
     * 422 as Novu answers a request body that fails DTO validation: {@code message:"Validation Error"} and, per field,
     * the messages and the value it received, which Novu echoes back.
     */
    public static Fault dtoValidation(String field, String message, Object value) {
        return new Fault(
                422,
                "Validation Error",
                Map.of("errors", Map.of(field, Map.of("messages", java.util.List.of(message), "value", value))),
                Map.of(),
                Duration.ZERO);
    }

    /** 409 as Novu answers while a request with the same Idempotency-Key is still in flight. */
    public static Fault idempotencyInFlight() {
        return new Fault(
                409,
                "Request with key is currently being processed. Please retry after 1 second",
                Map.of(),
                Map.of("Retry-After", "1"),
                Duration.ZERO);
    }

    /** Answers normally, but only after the given delay (e.g. to exceed a client's timeout). */
    public static Fault delay(Duration delay) {
        return new Fault(0, null, Map.of(), Map.of(), Objects.requireNonNull(delay));
    }

    /** This fault with an extra response header. */
    public Fault withHeader(String name, String value) {
        Map<String, String> merged = new java.util.LinkedHashMap<>(headers);
        merged.put(name, value);
        return new Fault(status, message, extraBody, Map.copyOf(merged), delay);
    }

    boolean answersNormallyAfterDelay() {
        return status == 0;
    }

    private static String defaultMessage(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 408 -> "Request Timeout";
            case 409 -> "Conflict";
            case 413 -> "request entity too large";
            case 422 -> "Unprocessable Entity";
            case 429 -> "API rate limit exceeded";
            case 500 -> "Internal server error";
            case 502 -> "Bad Gateway";
            case 503 -> "Service Unavailable";
            case 504 -> "Gateway Timeout";
            default -> "HTTP " + status;
        };
    }

    @Override
    public String toString() {
        return answersNormallyAfterDelay() ? "delay " + delay : "HTTP " + status + " " + message;
    }
}
