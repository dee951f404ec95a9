package com.gopherpay.identity.outbox;

import java.util.UUID;

/**
 * One record to publish.
 *
 * @param eventId unique id of the event; the {@code event-id} header and the Novu {@code transactionId}
 * @param key record key (the user id), so one user's events stay in order on one partition
 * @param eventType the {@code event-type} header, e.g. {@code UserRegistered}
 * @param payload the record value (JSON)
 */
public record OutboxMessage(UUID eventId, String key, String eventType, String payload) {}
