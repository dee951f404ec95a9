package com.gopherpay.identity.verification;

/** The token is unknown, already used, or replaced by a newer one. */
public class VerificationTokenInvalid extends RuntimeException {

    public VerificationTokenInvalid() {
        super("This verification link is not valid. It may have been used already or replaced by a newer one.");
    }
}
