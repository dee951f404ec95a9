package com.gopherpay.notification.message;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A message claimed by the delivery worker: everything needed to render and send it. The content is rendered from
 * {@code payload} and the {@code subscriber} snapshot taken when the trigger was accepted.
 */
public record QueuedEmail(
        UUID id,
        String transactionId,
        String workflowId,
        String email,
        String toName,
        Map<String, Object> subscriber,
        Map<String, Object> payload,
        int attempts,
        Instant createdAt) {}
