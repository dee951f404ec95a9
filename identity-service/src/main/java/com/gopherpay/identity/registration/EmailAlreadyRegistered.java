package com.gopherpay.identity.registration;

/** An account with this (canonical) email exists; answered with 409 {@code email-already-registered}. */
public class EmailAlreadyRegistered extends RuntimeException {

    public EmailAlreadyRegistered() {
        super("An account with this email address already exists. Sign in or reset your password instead.");
    }
}
