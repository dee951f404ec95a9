package com.gopherpay.identity.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Deletes the failure counts of addresses that had no attempt for {@code forget-after} (they would start afresh
 * anyway) every {@code cleanup-interval}, in batches, so guesses at many unknown addresses do not pile up rows.
 */
@Component
class SignInThrottleCleanup implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SignInThrottleCleanup.class);
    private static final int BATCH = 1000;

    private final SignInThrottle throttle;
    private final Clock clock;
    private final Duration forgetAfter;
    private final ScheduledExecutorService executor;

    SignInThrottleCleanup(SignInThrottle throttle, SignInProperties properties, Clock clock) {
        this.throttle = throttle;
        this.clock = clock;
        this.forgetAfter = properties.forgetAfter();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "sign-in-throttle-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.cleanupInterval().toMillis();
        executor.scheduleWithFixedDelay(this::guardedCleanUp, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Deletes the counts of addresses with no attempt for {@code forget-after}; returns how many. */
    int cleanUp() {
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int total = 0;
        int deleted;
        do {
            deleted = throttle.deleteForgotten(now.minus(forgetAfter), BATCH);
            total += deleted;
        } while (deleted == BATCH && !Thread.currentThread().isInterrupted());
        return total;
    }

    /** A failed run (database away) must not end the schedule; the next one retries. */
    private void guardedCleanUp() {
        try {
            int deleted = cleanUp();
            if (deleted > 0) {
                log.info("Deleted {} forgotten sign-in count(s)", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("Sign-in throttle cleanup failed: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
