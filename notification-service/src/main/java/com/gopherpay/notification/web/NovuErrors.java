package com.gopherpay.notification.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;
import tools.jackson.databind.json.JsonMapper;

/** Renders {@link ApiError}s for controllers (through the advice) and for servlet filters (directly). */
@Component
public class NovuErrors {

    private final Clock clock;
    private final JsonMapper json;
    private final IdGenerator ids;

    NovuErrors(Clock clock, JsonMapper json, IdGenerator ids) {
        this.clock = clock;
        this.ids = ids;
        this.json = json;
    }

    public Map<String, Object> body(ApiError error, HttpServletRequest request) {
        return body(error, pathOf(request));
    }

    /** The body for a request whose path (with query) is {@code path}. */
    public Map<String, Object> body(ApiError error, String path) {
        return error.body(path, timestamp());
    }

    /** A new id for one failure, logged with its cause and returned in {@link #internalError}. */
    String newErrorId() {
        return ids.generateId().toString();
    }

    /** Novu's 500: no context, only an {@code errorId} the caller can quote and the log has with the cause. */
    public Map<String, Object> internalError(String path, String errorId) {
        Map<String, Object> body = new LinkedHashMap<>(body(
                ApiError.http(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "Internal server error, contact support and provide them with the errorId"),
                path));
        body.remove("ctx");
        body.remove("error");
        body.put("errorId", errorId);
        return body;
    }

    /** The JSON of {@link #body(ApiError, String)}. */
    byte[] json(Map<String, Object> body) {
        return json.writeValueAsBytes(body);
    }

    /** The answer to a request that failed with {@code error}; for exception handlers. */
    public ResponseEntity<Map<String, Object>> answer(ApiError error, HttpServletRequest request) {
        return ResponseEntity.status(error.status())
                .contentType(MediaType.APPLICATION_JSON)
                .body(body(error, request));
    }

    /** Writes the error as the whole response; for filters that answer before any controller runs. */
    public void write(ApiError error, HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(error.status().value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(body(error, request)));
    }

    /** Novu reports Express's {@code request.url}: the path with its query string. */
    static String pathOf(HttpServletRequest request) {
        String query = request.getQueryString();
        return query == null ? request.getRequestURI() : request.getRequestURI() + "?" + query;
    }

    private String timestamp() {
        // JavaScript's Date#toISOString: always milliseconds, always Z.
        return DateTimeFormatter.ISO_INSTANT
                .format(Instant.now(clock).truncatedTo(ChronoUnit.MILLIS))
                .replaceFirst("(\\d{2}:\\d{2}:\\d{2})Z$", "$1.000Z");
    }
}
