package com.gopherpay.identity.user;

import java.time.Instant;

/**
 * Published inside the transaction that switched an account to a new, confirmed address (an email change the owner
 * confirmed from the new mailbox). Listeners act in the same transaction: sessions are revoked, the lifecycle event
 * is queued.
 *
 * @param user the account as stored after the switch, with its new {@code email} and {@code emailVerifiedAt}
 * @param previousEmail the address the account had before
 * @param changedAt when the switch was stored
 */
public record EmailChanged(User user, String previousEmail, Instant changedAt) {}
