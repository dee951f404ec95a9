package com.gopherpay.notification.message;

import java.util.Map;
import java.util.UUID;

/**
 * A message to store for one recipient of a trigger. A message that cannot be sent (no email address, missing
 * subscriber variables) is stored with {@code error} set, so the failure is visible in {@code GET /v1/messages}.
 */
public record NewMessage(
        UUID id,
        String environmentId,
        String transactionId,
        String workflowId,
        String subscriberId,
        Map<String, Object> subscriber,
        String email,
        String toName,
        String subject,
        String html,
        String text,
        Map<String, Object> payload,
        Object overrides,
        String error) {}
