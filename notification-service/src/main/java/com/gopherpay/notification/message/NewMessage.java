package com.gopherpay.notification.message;

import java.util.Map;
import java.util.UUID;

/**
 * A message to store for one recipient of a trigger: what delivery renders it from (the payload and the subscriber as
 * the trigger left it). A message that cannot be sent (no email address, missing subscriber variables) is stored with
 * {@code error} set, so the failure is visible in {@code GET /v1/messages}.
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
        Map<String, Object> payload,
        Object overrides,
        String error) {}
