package com.gopherpay.novu.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the stub received it, with the status the stub answered.
 *
 * @param method HTTP method
 * @param path request path without the query string
 * @param headers request headers; {@link #header(String)} looks them up case-insensitively
 * @param body raw request body (UTF-8)
 * @param status status code the stub answered with
 * @param replayed whether the answer was an idempotency replay
 * @param receivedAt when the request arrived
 */
public record RecordedRequest(
        String method,
        String path,
        Map<String, List<String>> headers,
        String body,
        int status,
        boolean replayed,
        Instant receivedAt) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public RecordedRequest {
        TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(copy);
    }

    /** First value of a header, looked up case-insensitively. */
    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** The body parsed as JSON; fails if it is not JSON. */
    public JsonNode json() {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("request body is not JSON: " + body, e);
        }
    }

    /** True for a request to the single-trigger endpoint. */
    public boolean isTrigger() {
        return "POST".equals(method) && StrictNovuStub.TRIGGER_PATH.equals(path);
    }

    /** True for a request to the bulk-trigger endpoint. */
    public boolean isBulkTrigger() {
        return "POST".equals(method) && StrictNovuStub.BULK_PATH.equals(path);
    }
}
