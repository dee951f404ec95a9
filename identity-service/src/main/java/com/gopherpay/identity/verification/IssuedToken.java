package com.gopherpay.identity.verification;

import java.time.Instant;

/**
 * A freshly issued verification token. The raw value only travels in the email; the database has its hash.
 *
 * @param raw 32 random bytes, base64url without padding
 * @param expiresAt when the token stops working
 */
public record IssuedToken(String raw, Instant expiresAt) {

    @Override
    public String toString() {
        return "IssuedToken[expiresAt=" + expiresAt + "]"; // never the raw token in a log line
    }
}
