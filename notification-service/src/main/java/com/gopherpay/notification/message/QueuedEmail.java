package com.gopherpay.notification.message;

import java.time.Instant;
import java.util.UUID;

/** A message claimed by the delivery worker: everything needed to send it. */
public record QueuedEmail(
        UUID id,
        String transactionId,
        String email,
        String toName,
        String subject,
        String html,
        String text,
        int attempts,
        Instant createdAt) {}
