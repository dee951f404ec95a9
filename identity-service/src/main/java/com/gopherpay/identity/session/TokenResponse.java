package com.gopherpay.identity.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The OAuth 2.0 token response (RFC 6749 §5.1), so existing clients parse it.
 *
 * @param accessToken the JWT access token
 * @param tokenType always {@code Bearer}
 * @param expiresIn the access token's lifetime in seconds
 * @param refreshToken the refresh token; absent when it went into the {@code gp_refresh} cookie instead
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TokenResponse(
        @JsonProperty("access_token") String accessToken,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn,
        @JsonProperty("refresh_token") String refreshToken) {

    @Override
    public String toString() {
        return "TokenResponse[]"; // never a token in a log line
    }
}
