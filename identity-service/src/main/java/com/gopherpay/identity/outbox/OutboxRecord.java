package com.gopherpay.identity.outbox;

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
 */
public record OutboxRecord(UUID eventId, String topic, String key, String eventType, String payload) {

    public OutboxRecord {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(payload, "payload");
    }

    @Override
    public String toString() {
        return "OutboxRecord[" + eventId + " " + eventType + " to " + topic + "]";
    }
}
