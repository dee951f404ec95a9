package com.gopherpay.identity.token;

import java.time.Duration;

/**
 * A signed access token.
 *
 * @param value the compact JWS, sent as {@code Authorization: Bearer <value>}
 * @param expiresIn how long it is valid from now
 */
public record AccessToken(String value, Duration expiresIn) {

    @Override
    public String toString() {
        return "AccessToken[expiresIn=" + expiresIn + "]"; // never the token in a log line
    }
}
