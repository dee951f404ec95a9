package com.gopherpay.identity.outbox;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * One record to publish, as a mapping from a typed event made it.
 *
 * @param eventId unique id of the event; the {@code event-id} header
 * @param topic the Kafka topic
 * @param key record key (the user id), so one user's events stay in order on one partition
 * @param eventType the {@code event-type} header, e.g. {@code UserRegistered}
 * @param payload the record value (JSON); may hold a verification link, so it is never logged or put in an error
 * @param headers further Kafka headers (name to UTF-8 value), in this order, after {@code event-id}, {@code
 *     event-type} and {@code traceparent}; never secret
 * @param secretPayload whether the payload carries a live link or token (an email): such a payload is dropped from the
 *     row once it is {@code FAILED}, since nothing will publish it again; other payloads (lifecycle events) stay, so an
 *     operator can send them again once the cause is fixed
 */
public record OutboxRecord(
        UUID eventId,
        String topic,
        String key,
        String eventType,
        String payload,
        Map<String, String> headers,
        boolean secretPayload) {

    public OutboxRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(headers));
    }

    /** A record with no further headers and nothing secret in its payload. */
    public OutboxRecord(UUID eventId, String topic, String key, String eventType, String payload) {
        this(eventId, topic, key, eventType, payload, Map.of(), false);
    }

    @Override
    public String toString() {
        return "OutboxRecord[" + eventId + " " + eventType + " to " + topic + "]";
    }
}
