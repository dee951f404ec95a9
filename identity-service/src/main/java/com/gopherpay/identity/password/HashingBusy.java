package com.gopherpay.identity.password;

/**
 * Every hashing slot stayed busy for {@link PasswordProperties#maxQueueWait()}, or too many requests were waiting
 * already; answered 503 with {@code Retry-After}. Nothing has been stored when it is thrown.
 */
public class HashingBusy extends RuntimeException {

    private final long retryAfterSeconds;

    HashingBusy(long retryAfterSeconds) {
        super("All password hashing slots are busy", null, false, false);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
