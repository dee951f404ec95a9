package com.gopherpay.identity.user;

/**
 * Published inside the transaction that activated an account because its owner proved the address (a verification
 * link, or a password reset on a pending account). Listeners act in the same transaction.
 *
 * @param user the account as stored after activation, with its {@code emailVerifiedAt}
 */
public record EmailVerified(User user) {}
