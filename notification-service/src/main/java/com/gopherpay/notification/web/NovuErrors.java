package com.gopherpay.notification.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Renders {@link ApiError}s for controllers (through the advice) and for servlet filters (directly). */
@Component
public class NovuErrors {

    private final Clock clock;
    private final JsonMapper json;

    NovuErrors(Clock clock, JsonMapper json) {
        this.clock = clock;
        this.json = json;
    }

    public Map<String, Object> body(ApiError error, HttpServletRequest request) {
        return error.body(pathOf(request), timestamp());
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
