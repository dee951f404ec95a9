package com.gopherpay.novu.connect.sender;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One task's view of a transient Novu outage (IO errors, timeouts, 408, 409, 429, 5xx): when it began, how many
 * attempts failed, and whether the retry time budget ({@code novu.retry.max.duration.ms}) is used up. It logs the
 * outage once at WARN when it begins and once at INFO when Novu answers again, each attempt in between only at DEBUG
 * and never with a stack trace: a condition the task retries is no error.
 */
final class Outage {

    private static final Logger log = LoggerFactory.getLogger(Outage.class);

    private final Duration budget;
    private final Clock clock;
    private Instant start;
    private int failures;
    private String lastFailure;
    private Instant notBefore;

    Outage(Duration budget, Clock clock) {
        this.budget = budget;
        this.clock = clock;
    }

    /** Failed attempts in the current outage (0 when there is none). */
    int failures() {
        return failures;
    }

    /** Records a failed attempt and the wait before the next one. */
    void failed(String failure, Duration nextDelay) {
        Instant now = clock.instant();
        lastFailure = failure;
        notBefore = now.plus(nextDelay);
        if (start == null) {
            start = now;
            failures = 1;
            log.warn(
                    "Novu is unavailable ({}); retrying for up to {} s (novu.retry.max.duration.ms), next attempt in {}"
                            + " ms; further failed attempts are not logged until it answers again",
                    failure,
                    budget.toSeconds(),
                    nextDelay.toMillis());
            return;
        }
        failures++;
        log.debug("Novu is still unavailable ({}), attempt {}; next in {} ms", failure, failures, nextDelay.toMillis());
    }

    /** Whether the outage has lasted as long as the retry time budget. */
    boolean exhausted() {
        return start != null && !clock.instant().isBefore(start.plus(budget));
    }

    /** How long it has lasted so far. */
    Duration duration() {
        return start == null ? Duration.ZERO : Duration.between(start, clock.instant());
    }

    /** Not before this instant should the next request go out (the wait a previous put() could not finish). */
    Instant notBefore() {
        return notBefore;
    }

    /** Novu answered (success or a permanent answer): the outage, if any, is over. */
    void answered() {
        notBefore = null;
        if (start == null) {
            return;
        }
        log.info(
                "Novu answers again after {} s unavailable ({} failed attempts, the last: {})",
                Duration.between(start, clock.instant()).toSeconds(),
                failures,
                lastFailure);
        reset();
    }

    /** The budget is used up and the batch is handed back: the next attempt starts a new outage (and a new WARN). */
    void gaveUp() {
        reset();
    }

    private void reset() {
        start = null;
        failures = 0;
        lastFailure = null;
        notBefore = null;
    }
}
