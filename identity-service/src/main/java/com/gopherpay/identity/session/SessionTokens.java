package com.gopherpay.identity.session;

import com.gopherpay.identity.token.AccessToken;
import java.time.Duration;

/**
 * What a sign-in or refresh hands out.
 *
 * @param accessToken the new access token
 * @param refreshToken the raw refresh token; only its SHA-256 is stored
 * @param refreshTokenLifetime how long the refresh token is valid from now
 */
public record SessionTokens(AccessToken accessToken, String refreshToken, Duration refreshTokenLifetime) {

    @Override
    public String toString() {
        return "SessionTokens[]"; // never a token in a log line
    }
}
