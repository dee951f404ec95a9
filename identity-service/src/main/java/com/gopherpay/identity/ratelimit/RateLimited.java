package com.gopherpay.identity.ratelimit;

/** A limit is used up; answered with 429 and {@code Retry-After}. */
public class RateLimited extends RuntimeException {

    private final long retryAfterSeconds;

    RateLimited(long retryAfterSeconds, String detail) {
        super(detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The sentence for the client: whose requests were too many, and when to try again. */
    public String detail() {
        return getMessage();
    }
}
