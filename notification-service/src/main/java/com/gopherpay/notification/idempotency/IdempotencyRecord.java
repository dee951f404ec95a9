package com.gopherpay.notification.idempotency;

import java.time.Instant;

/**
 * What is remembered about one Idempotency-Key: the hash of the body it was first used with and, once the request
 * finished, the response to replay.
 */
record IdempotencyRecord(
        String bodyHash,
        boolean completed,
        int statusCode,
        String contentType,
        byte[] responseBody,
        Instant expiresAt) {}
