package com.gopherpay.identity.user;

/** Where an account is in its life cycle. */
public enum UserStatus {
    /** Registered; the email address is not confirmed yet. */
    PENDING_VERIFICATION,
    /** The email address is confirmed. */
    ACTIVE
}
