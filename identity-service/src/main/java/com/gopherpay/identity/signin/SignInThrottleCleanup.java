package com.gopherpay.identity.signin;

import com.gopherpay.identity.schedule.BatchedDeletes;
import com.gopherpay.identity.schedule.ScheduledJob;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes the failure counts of addresses that had no attempt for {@code forget-after} (they would start afresh
 * anyway) every {@code cleanup-interval}, in batches, so guesses at many unknown addresses do not pile up rows.
 */
@Component
class SignInThrottleCleanup extends ScheduledJob {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottleCleanup.class);
    private static final int BATCH = 1000;

    private final SignInThrottle throttle;
    private final Clock clock;
    private final Duration forgetAfter;

    SignInThrottleCleanup(SignInThrottle throttle, SignInProperties properties, Clock clock) {
        super("sign-in-throttle-cleanup", properties.cleanupInterval(), true);
        this.throttle = throttle;
        this.clock = clock;
        this.forgetAfter = properties.forgetAfter();
    }

    /** Deletes the counts of addresses with no attempt for {@code forget-after}; returns how many. */
    int cleanUp() {
        var cutoff = clock.instant().truncatedTo(ChronoUnit.MICROS).minus(forgetAfter);
        return BatchedDeletes.untilShort(BATCH, batch -> throttle.deleteForgotten(cutoff, batch));
    }

    @Override
    protected void runScheduled() {
        int deleted = cleanUp();
        if (deleted > 0) {
            log.info("Deleted {} forgotten sign-in count(s)", deleted);
        }
    }
}
