package com.gopherpay.identity.verification;

/**
 * The password sent with a verification token is not the account's. Only the holder of the emailed link gets this
 * far, and the answer names no account, so it reveals nothing about who is registered.
 */
public class VerificationPasswordIncorrect extends RuntimeException {

    private final int attemptsLeft;

    public VerificationPasswordIncorrect(int attemptsLeft) {
        super("This is not the password of the account this link belongs to. Try again, or set a new password"
                + " instead.");
        this.attemptsLeft = attemptsLeft;
    }

    /** How many more passwords this link accepts before it stops working. */
    public int attemptsLeft() {
        return attemptsLeft;
    }
}
