package com.gopherpay.notification.message;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A message row as {@code GET /v1/messages} reports it. */
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
        Instant sentAt) {}
