package com.gopherpay.identity.signin;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.time.Duration;
import java.util.Optional;

/** Too many failed sign-ins on this address lately; answered 429 with Retry-After. No password was checked. */
public class SignInThrottled extends ProblemException {

    static final ProblemType TYPE = new ProblemType("too-many-requests", 429, "Too many requests");

    private final Duration retryAfter;

    public SignInThrottled(Duration retryAfter) {
        super(
                TYPE,
                "Too many sign-in attempts for this account. Try again in " + retryAfter.toSeconds()
                        + " seconds, or reset your password.",
                false);
        this.retryAfter = retryAfter;
    }

    @Override
    public Optional<Duration> retryAfter() {
        return Optional.of(retryAfter);
    }
}
