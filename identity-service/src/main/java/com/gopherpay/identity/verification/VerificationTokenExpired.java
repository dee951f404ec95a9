package com.gopherpay.identity.verification;

/** The token was valid but its time ran out; a new one can be requested. */
public class VerificationTokenExpired extends RuntimeException {

    public VerificationTokenExpired() {
        super("This verification link has expired. Request a new one with POST /auth/verify-email/resend.");
    }
}
