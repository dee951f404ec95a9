package com.gopherpay.identity.password;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.time.Duration;
import java.util.Optional;

/**
 * Every hashing slot stayed busy for {@link PasswordProperties#maxQueueWait()}, or too many requests were waiting
 * already; answered 503 {@code service-busy} with {@code Retry-After}. Nothing has been stored when it is thrown.
 */
public class HashingBusy extends ProblemException {

    static final ProblemType TYPE = new ProblemType("service-busy", 503, "Service busy");

    private final long retryAfterSeconds;

    HashingBusy(long retryAfterSeconds) {
        // No stack trace: this is expected under load, and thrown often then.
        super(
                TYPE,
                "We are handling very many requests right now. Nothing was saved; please try again in "
                        + retryAfterSeconds + " seconds.",
                false);
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
