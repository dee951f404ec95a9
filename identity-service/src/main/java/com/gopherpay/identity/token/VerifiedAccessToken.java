package com.gopherpay.identity.token;

import java.util.UUID;

/**
 * An access token whose signature, issuer, audience and expiry checked out.
 *
 * @param userId the {@code sub} claim: the account it was issued to
 */
public record VerifiedAccessToken(UUID userId) {}
