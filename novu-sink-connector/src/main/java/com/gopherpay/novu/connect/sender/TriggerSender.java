package com.gopherpay.novu.connect.sender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gopherpay.novu.connect.record.Trigger;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers triggers to Novu: one per request, or up to 100 per bulk request. Transient failures are retried with the
 * same body and Idempotency-Key; permanent ones become rejected {@link Outcome}s; an API key Novu refuses throws
 * {@link NovuAuthenticationException}, a URL that is not Novu's API {@link NovuEndpointException}; retries running out
 * throws {@link NovuUnavailableException}, the caller's deadline passing {@link DeadlineExceededException}.
 */
public final class TriggerSender {

    private static final Logger log = LoggerFactory.getLogger(TriggerSender.class);
    private static final Pattern USABLE_AS_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** Novu's short error messages are enough to tell what went wrong; bodies can echo payload values. */
    private static final int MAX_MESSAGE_CHARS = 200;

    private final NovuClient client;
    private final ObjectMapper json;
    private final Backoff backoff;
    private final int maxRetries;
    private final Sleeper sleeper;
    private final Clock clock;

    public TriggerSender(
            NovuClient client, ObjectMapper json, Backoff backoff, int maxRetries, Sleeper sleeper, Clock clock) {
        this.client = client;
        this.json = json;
        this.backoff = backoff;
        this.maxRetries = maxRetries;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * One outcome per trigger, in order. A batch of one uses the single endpoint, larger batches the bulk one. No
     * request is started, and no backoff begun, that would end after {@code deadline}: then it throws
     * {@link DeadlineExceededException}. A request already in flight may still take up to its HTTP timeout.
     */
    public List<Outcome> send(List<Trigger> batch, Instant deadline) throws InterruptedException {
        if (batch.isEmpty()) {
            return List.of();
        }
        return batch.size() == 1 ? List.of(sendOne(batch.get(0), deadline)) : sendBulk(batch, deadline);
    }

    private Outcome sendOne(Trigger trigger, Instant deadline) throws InterruptedException {
        HttpRequest request;
        try {
            request = client.request(
                    NovuClient.TRIGGER_PATH, serialize(trigger.body()), idempotencyKey(trigger.transactionId()));
        } catch (RuntimeException e) {
            // Something about this record makes the request impossible to build; retrying cannot help, and failing
            // the task would redeliver the same record forever.
            return Outcome.unsendable(
                    trigger,
                    "no valid Novu request can be built for it (" + e.getClass().getSimpleName() + ")",
                    e);
        }
        NovuResponse response = exchange(request, "trigger for " + trigger.describeRecord(), deadline);
        if (!response.isSuccess()) {
            return Outcome.rejected(trigger, response.status(), response.body(), rejection(response));
        }
        JsonNode data = parse(response.body()).path("data");
        return outcome(trigger, response.status(), data.isObject() ? data : null, response.body());
    }

    private List<Outcome> sendBulk(List<Trigger> batch, Instant deadline) throws InterruptedException {
        ObjectNode body = json.createObjectNode();
        ArrayNode events = body.putArray("events");
        batch.forEach(trigger -> events.add(trigger.body()));
        String key = "bulk-"
                + sha256(String.join(
                        "\n", batch.stream().map(Trigger::transactionId).toList()));
        HttpRequest request;
        try {
            request = client.request(NovuClient.BULK_PATH, serialize(body), key);
        } catch (RuntimeException e) {
            log.warn("Cannot build a bulk request for {} triggers ({}); sending them one by one", batch.size(), e);
            return sendOneByOne(batch, deadline);
        }
        NovuResponse response = exchange(request, "bulk of " + batch.size() + " triggers", deadline);
        if (!response.isSuccess()) {
            // A request-level rejection (e.g. one event failing DTO validation) must not take the good events with
            // it: send them one by one so only the bad ones are rejected.
            log.warn(
                    "Novu rejected a bulk of {} triggers ({}); sending them one by one to isolate the bad ones",
                    batch.size(),
                    rejection(response));
            return sendOneByOne(batch, deadline);
        }
        JsonNode data = parse(response.body()).path("data");
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            JsonNode result = data.isArray() && data.size() > i ? data.get(i) : null;
            outcomes.add(outcome(batch.get(i), response.status(), result, response.body()));
        }
        return outcomes;
    }

    private List<Outcome> sendOneByOne(List<Trigger> batch, Instant deadline) throws InterruptedException {
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (Trigger trigger : batch) {
            outcomes.add(sendOne(trigger, deadline));
        }
        return outcomes;
    }

    private Outcome outcome(Trigger trigger, int status, JsonNode result, String rawBody) {
        if (result == null) {
            // Novu answered 2xx but not in the documented shape: it accepted the request, and resending could
            // duplicate notifications, so count it as delivered.
            log.warn(
                    "Novu answered HTTP {} for {} without a readable result ({} characters)",
                    status,
                    trigger.describeRecord(),
                    rawBody == null ? 0 : rawBody.length());
            return Outcome.delivered(trigger, status, rawBody);
        }
        String resultStatus = result.path("status").asText("");
        if ("processed".equals(resultStatus)) {
            return Outcome.delivered(trigger, status, result.toString());
        }
        // error (bulk), trigger_not_active, invalid_recipients, no_tenant_found, ...: Novu will send nothing.
        String errors = result.path("error").isMissingNode()
                ? ""
                : " " + abbreviate(result.path("error").toString(), MAX_MESSAGE_CHARS);
        return Outcome.rejected(
                trigger, status, result.toString(), "Novu answered status '" + resultStatus + "'" + errors);
    }

    /** Sends until Novu answers with a success or a permanent rejection. */
    private NovuResponse exchange(HttpRequest request, String what, Instant deadline) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            if (!clock.instant().isBefore(deadline)) {
                throw new DeadlineExceededException(
                        "The time budget of this put (put.timeout.ms) ran out before the " + what + " was sent",
                        Duration.ZERO);
            }
            String failure;
            Optional<String> retryAfter = Optional.empty();
            IOException cause = null;
            try {
                NovuResponse response = client.send(request);
                if (response.isAuthenticationFailure()) {
                    throw new NovuAuthenticationException("Novu refused the API key (HTTP " + response.status() + ": "
                            + message(response) + "). Check novu.api.key: it must be a secret API key of the target"
                            + " Novu environment with permission to trigger events.");
                }
                if (response.isWrongEndpoint()) {
                    throw new NovuEndpointException("Novu answered HTTP " + response.status() + " for POST "
                            + request.uri().getPath()
                            + ": " + message(response) + ". Check novu.api.url: it must be the API's base URL, e.g."
                            + " https://api.novu.co.");
                }
                if (!response.isTransient()) {
                    return response;
                }
                failure = rejection(response);
                retryAfter = response.retryAfter();
            } catch (IOException e) {
                failure = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                cause = e;
            }
            if (attempt >= maxRetries) {
                throw new NovuUnavailableException(
                        "Novu did not accept " + what + " after " + (attempt + 1) + " attempts; last failure: "
                                + failure,
                        cause);
            }
            Duration delay = backoff.delay(attempt, retryAfter);
            if (clock.instant().plus(delay).isAfter(deadline)) {
                throw new DeadlineExceededException(
                        "The time budget of this put (put.timeout.ms) ran out before Novu accepted the " + what
                                + " (attempt " + (attempt + 1) + "; last failure: " + failure + ")",
                        delay);
            }
            log.warn(
                    "Novu failed {} (attempt {} of {}): {}; retrying in {} ms",
                    what,
                    attempt + 1,
                    maxRetries + 1,
                    failure,
                    delay.toMillis());
            sleeper.sleep(delay);
        }
    }

    /** The status and Novu's short message: what goes into exception messages and logs. */
    private String rejection(NovuResponse response) {
        String message = message(response);
        return "HTTP " + response.status() + (message.isEmpty() ? "" : " " + message);
    }

    /**
     * Novu's error {@code message} (a string or, for DTO errors in older versions, a list), truncated; empty when there
     * is none. Never the rest of the body: Novu's 400/422 bodies echo field values, such as a verification link.
     */
    private String message(NovuResponse response) {
        JsonNode message = parse(response.body()).path("message");
        if (message.isMissingNode() || message.isNull()) {
            return "";
        }
        return abbreviate(message.isTextual() ? message.asText() : message.toString(), MAX_MESSAGE_CHARS);
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.missingNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            return json.missingNode();
        }
    }

    private byte[] serialize(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
    }

    /**
     * The transactionId itself when it is a valid header value Novu accepts as a key (1 to 255 visible ASCII
     * characters), else its SHA-256: the same for every retry and redelivery of the record. HTTP header values cannot
     * carry most non-ASCII or control characters, and Novu rejects keys longer than 255 characters.
     */
    static String idempotencyKey(String transactionId) {
        return USABLE_AS_KEY.matcher(transactionId).matches() ? transactionId : sha256(transactionId);
    }

    /** At most {@code max} characters of the text (plus an ellipsis when cut); null stays null. */
    static String abbreviate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max) + "…";
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
