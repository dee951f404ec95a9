package com.gopherpay.identity.session;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Deletes ended sessions (expired or revoked) with their refresh tokens every {@code cleanup-interval}, in batches, so
 * the tables hold live sessions only. Rotated tokens of a live session stay: reuse detection needs them.
 */
@Component
class SessionCleanup implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SessionCleanup.class);
    private static final int BATCH = 1000;

    private final RefreshTokens tokens;
    private final Clock clock;
    private final ScheduledExecutorService executor;

    SessionCleanup(RefreshTokens tokens, SessionProperties properties, Clock clock) {
        this.tokens = tokens;
        this.clock = clock;
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "session-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.cleanupInterval().toMillis();
        executor.scheduleWithFixedDelay(this::guardedCleanUp, interval, interval, TimeUnit.MILLISECONDS);
    }

    /** Deletes every session that ended before now; returns how many. */
    int cleanUp() {
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int total = 0;
        int deleted;
        do {
            deleted = tokens.deleteEnded(now, BATCH);
            total += deleted;
        } while (deleted == BATCH && !Thread.currentThread().isInterrupted());
        return total;
    }

    /** A failed run (database away) must not end the schedule; the next one retries. */
    private void guardedCleanUp() {
        try {
            int deleted = cleanUp();
            if (deleted > 0) {
                log.info("Deleted {} ended session(s)", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("Session cleanup failed: {}", e.toString());
        }
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
