package com.gopherpay.notification.message;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message row as {@code GET /v1/messages} reports it; {@code html} is null and {@code payload} holds only
 * {@code "[redacted]"} values once the message was redacted ({@code contentSha256} set).
 */
public record StoredMessage(
        UUID id,
        String environmentId,
        String transactionId,
        String workflowId,
        String subscriberId,
        Map<String, Object> subscriber,
        String email,
        String subject,
        String html,
        Map<String, Object> payload,
        Object overrides,
        String status,
        String error,
        int attempts,
        Instant createdAt,
        Instant updatedAt,
        Instant sentAt,
        String contentSha256,
        Instant subscriberCreatedAt,
        Instant subscriberUpdatedAt) {}
