package com.gopherpay.identity.audit;

import java.time.Instant;
import java.util.UUID;

/**
 * One row of the audit trail as an operator reads it.
 *
 * @param occurredAt when
 * @param action the {@link AuditAction#code()}
 * @param outcome how it ended
 * @param userId the account, when known
 * @param emailHash hex of the address's hash, when an address was involved
 * @param clientIp where the request came from, when there was a request
 * @param userAgent the request's truncated user agent
 * @param eventId the lifecycle or email event this row caused, when there was one
 */
public record AuditEvent(
        Instant occurredAt,
        String action,
        String outcome,
        UUID userId,
        String emailHash,
        String clientIp,
        String userAgent,
        UUID eventId) {}
