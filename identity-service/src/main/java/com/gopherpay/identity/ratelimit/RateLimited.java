package com.gopherpay.identity.ratelimit;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.time.Duration;
import java.util.Optional;

/** A limit is used up; answered with 429 {@code rate-limited} and {@code Retry-After}. */
public class RateLimited extends ProblemException {

    static final ProblemType TYPE = new ProblemType("rate-limited", 429, "Too many requests");

    private final long retryAfterSeconds;

    /** @param detail the sentence for the client: whose requests were too many, and when to try again */
    RateLimited(long retryAfterSeconds, String detail) {
        super(TYPE, detail);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(Duration.ofSeconds(retryAfterSeconds));
    }
}
