package com.gopherpay.identity.user;

/**
 * Published inside the transaction that created a new, pending account (never for a registration that found the
 * address taken). Listeners act in the same transaction.
 *
 * @param user the account as stored
 */
public record AccountRegistered(User user) {}
