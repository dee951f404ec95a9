package com.gopherpay.novu.connect.sender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gopherpay.novu.connect.record.Trigger;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Builds the trigger and bulk-trigger requests: body and Idempotency-Key. Built once and resent as-is on retries, so a
 * retried or redelivered trigger is recognisably the same one.
 */
final class TriggerRequests {

    private static final Pattern USABLE_AS_KEY = Pattern.compile("[\\x21-\\x7E]{1,255}");

    private final NovuClient client;
    private final ObjectMapper json;

    TriggerRequests(NovuClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /** POST /v1/events/trigger; throws a RuntimeException when the trigger cannot travel in a valid request. */
    HttpRequest single(Trigger trigger) {
        return client.request(
                NovuClient.TRIGGER_PATH, serialize(trigger.body()), idempotencyKey(trigger.transactionId()));
    }

    /** POST /v1/events/trigger/bulk for the batch, in order; throws like {@link #single}. */
    HttpRequest bulk(List<Trigger> batch) {
        ObjectNode body = json.createObjectNode();
        ArrayNode events = body.putArray("events");
        batch.forEach(trigger -> events.add(trigger.body()));
        // One key for the batch: the same records redelivered in the same batch replay Novu's first answer.
        String key = "bulk-"
                + sha256(String.join(
                        "\n", batch.stream().map(Trigger::transactionId).toList()));
        return client.request(NovuClient.BULK_PATH, serialize(body), key);
    }

    /**
     * The transactionId itself when it is a valid header value Novu accepts as a key (1 to 255 visible ASCII
     * characters), else its SHA-256: the same for every retry and redelivery of the record. HTTP header values cannot
     * carry most non-ASCII or control characters, and Novu rejects keys longer than 255 characters.
     */
    static String idempotencyKey(String transactionId) {
        return USABLE_AS_KEY.matcher(transactionId).matches() ? transactionId : sha256(transactionId);
    }

    private byte[] serialize(JsonNode body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize a JSON tree", e);
        }
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
