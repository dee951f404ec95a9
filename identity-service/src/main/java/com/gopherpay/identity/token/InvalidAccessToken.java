package com.gopherpay.identity.token;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.util.Map;

/**
 * No bearer token, or one that is not ours, is malformed or has expired; answered 401 {@code invalid-token} with
 * {@code WWW-Authenticate: Bearer error="invalid_token"} (RFC 6750 §3). Says nothing about which check failed.
 */
public class InvalidAccessToken extends ProblemException {

    static final ProblemType TYPE = new ProblemType("invalid-token", 401, "Invalid access token");

    public InvalidAccessToken() {
        super(TYPE, "Sign in again: the access token is missing, invalid or expired.", false);
    }

    @Override
    public Map<String, String> headers() {
        return Map.of("WWW-Authenticate", "Bearer error=\"invalid_token\"");
    }
}
