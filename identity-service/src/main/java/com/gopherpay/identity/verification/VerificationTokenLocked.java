package com.gopherpay.identity.verification;

/** Too many wrong passwords were sent with this token, so it no longer works; a new link can be requested. */
public class VerificationTokenLocked extends RuntimeException {

    public VerificationTokenLocked() {
        super("Too many wrong passwords were entered with this link, so it no longer works. Request a new link with"
                + " POST /auth/verify-email/resend.");
    }
}
