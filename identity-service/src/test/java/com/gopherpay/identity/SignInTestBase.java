package com.gopherpay.identity;

import java.util.Map;

/** The shared running service, with helpers for accounts that can sign in. Same configuration as its base. */
public abstract class SignInTestBase extends IdentityServiceTestBase {

    /** Registers and verifies an account with {@link Api#PASSWORD}; returns its id. */
    protected String activeAccount(String email) {
        String userId = register(email);
        Api.Response verified = api().post("/auth/verify-email", Api.verification(awaitToken(userId, 1)));
        if (verified.status() != 200) {
            throw new AssertionError("Verification failed: " + verified.status() + " " + verified.body());
        }
        return userId;
    }

    protected Api.Response login(String email) {
        return SignedIn.login(port, email);
    }

    protected Api.Response login(String email, String password) {
        return SignedIn.login(port, email, password, Map.of());
    }

    protected Api.Response post(String path, String body, Map<String, String> headers) {
        return SignedIn.request(port, "POST", path, body, Api.randomClientIp(), headers);
    }

    protected Api.Response refresh(String refreshToken) {
        return post("/auth/token/refresh", "{\"refresh_token\":\"" + refreshToken + "\"}", Map.of());
    }
}
