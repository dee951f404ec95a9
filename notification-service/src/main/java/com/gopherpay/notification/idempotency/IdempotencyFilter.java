package com.gopherpay.notification.idempotency;

import com.gopherpay.notification.auth.ApiKeyAuthenticationFilter;
import com.gopherpay.notification.config.NotificationProperties;
import com.gopherpay.notification.shared.Sha256;
import com.gopherpay.notification.web.ApiError;
import com.gopherpay.notification.web.CachedBodyRequest;
import com.gopherpay.notification.web.NovuErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Novu's Idempotency-Key semantics for POST/PATCH under {@code /v1/}: the first request with a key runs and its
 * response (success or error) is kept for {@code notification.idempotency.ttl}; a repeat with the same body gets
 * that response again with {@code Idempotency-Replay: true}; a repeat while the first still runs gets 409 with
 * {@code Retry-After: 1}; a repeat with a different body gets 422. Keys are scoped to the API key's environment.
 *
 * <p>Unlike Novu, a 5xx answer is not kept: the key is released, so the client's retry runs again. A server failure
 * (say the database was away) is transient, and replaying it for a day would turn it into a permanent one.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 30)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAY_HEADER = "Idempotency-Replay";
    private static final String DOCS_LINK = "https://docs.novu.co/additional-resources/idempotency";
    private static final int MAX_KEY_LENGTH = 255;

    private final IdempotencyRecords records;
    private final NovuErrors errors;
    private final JsonMapper json;
    private final Clock clock;
    private final NotificationProperties.Idempotency settings;

    IdempotencyFilter(
            IdempotencyRecords records,
            NovuErrors errors,
            JsonMapper json,
            Clock clock,
            NotificationProperties properties) {
        this.records = records;
        this.errors = errors;
        this.json = json;
        this.clock = clock;
        this.settings = properties.idempotency();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return !settings.enabled()
                || !request.getRequestURI().startsWith("/v1/")
                || !("POST".equals(method) || "PATCH".equals(method))
                || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        String environment = (String) request.getAttribute(ApiKeyAuthenticationFilter.ENVIRONMENT_ATTRIBUTE);
        if (environment == null || key.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        if (key.length() > MAX_KEY_LENGTH) {
            errors.write(
                    ApiError.http(
                            HttpStatus.BAD_REQUEST,
                            "idempotencyKey \"" + key + "\" has exceeded the maximum allowed length of "
                                    + MAX_KEY_LENGTH + " characters"),
                    request,
                    response);
            return;
        }
        String bodyHash = hash(request instanceof CachedBodyRequest cached ? cached.body() : new byte[0]);
        Instant now = clock.instant();
        if (records.claim(environment, key, bodyHash, now, now.plus(settings.inProgressTtl()))) {
            runFirst(request, response, chain, environment, key);
        } else {
            answerRepeat(request, response, environment, key, bodyHash);
        }
    }

    private void runFirst(
            HttpServletRequest request, HttpServletResponse response, FilterChain chain, String environment, String key)
            throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean finished = false;
        try {
            chain.doFilter(request, captured);
            finished = true;
        } finally {
            if (finished && captured.getStatus() < 500) {
                records.complete(
                        environment,
                        key,
                        captured.getStatus(),
                        captured.getContentType(),
                        captured.getContentAsByteArray(),
                        clock.instant().plus(settings.ttl()));
                captured.setHeader(HEADER, key);
            } else {
                records.release(environment, key);
            }
            captured.copyBodyToResponse();
        }
    }

    private void answerRepeat(
            HttpServletRequest request, HttpServletResponse response, String environment, String key, String bodyHash)
            throws IOException {
        Optional<IdempotencyRecord> found = records.find(environment, key);
        response.setHeader(HEADER, key);
        if (found.isEmpty() || !found.get().completed()) {
            // Gone between claim and read means its owner just gave up: asking to retry is right either way.
            response.setHeader("Retry-After", "1");
            response.setHeader("Link", DOCS_LINK);
            errors.write(
                    ApiError.http(
                            HttpStatus.CONFLICT,
                            "Request with key \"" + key
                                    + "\" is currently being processed. Please retry after 1 second"),
                    request,
                    response);
            return;
        }
        IdempotencyRecord record = found.get();
        if (!record.bodyHash().equals(bodyHash)) {
            response.setHeader("Link", DOCS_LINK);
            errors.write(
                    ApiError.http(
                            HttpStatus.UNPROCESSABLE_ENTITY,
                            "Request with key \"" + key + "\" is being reused for a different body"),
                    request,
                    response);
            return;
        }
        response.setHeader(REPLAY_HEADER, "true");
        response.setStatus(record.statusCode());
        if (record.contentType() != null) {
            response.setContentType(record.contentType());
        }
        response.getOutputStream().write(record.responseBody() == null ? new byte[0] : record.responseBody());
    }

    /** Novu hashes the parsed JSON body, so formatting differences of the same JSON count as the same body. */
    private String hash(byte[] body) {
        byte[] canonical;
        try {
            canonical = json.writeValueAsBytes(json.readTree(body));
        } catch (JacksonException e) {
            canonical = body;
        }
        return Sha256.hex(canonical);
    }
}
