package com.gopherpay.identity.user;

import java.time.Instant;
import java.util.UUID;

/**
 * Published (synchronously, inside the transaction that stored it) whenever a person chose a new password for an
 * account: a password reset, or a new password set while confirming the address. Not published when the same password
 * is re-hashed with new parameters. Listeners act in the same transaction: sessions are revoked, lifecycle events and
 * notices are queued.
 *
 * @param userId the account
 * @param changedAt when the new hash was stored
 */
public record PasswordChanged(UUID userId, Instant changedAt) {}
