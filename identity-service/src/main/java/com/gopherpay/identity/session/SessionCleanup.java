package com.gopherpay.identity.session;

import com.gopherpay.identity.schedule.BatchedDeletes;
import com.gopherpay.identity.schedule.ScheduledJob;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Deletes ended sessions (expired or revoked) with their refresh tokens every {@code cleanup-interval}, in batches, so
 * the tables hold live sessions only. Rotated tokens of a live session stay: reuse detection needs them.
 */
@Component
class SessionCleanup extends ScheduledJob {

    private static final Logger log = LoggerFactory.getLogger(SessionCleanup.class);
    private static final int BATCH = 1000;

    private final RefreshTokens tokens;
    private final Clock clock;

    SessionCleanup(RefreshTokens tokens, SessionProperties properties, Clock clock) {
        super("session-cleanup", properties.cleanupInterval(), true);
        this.tokens = tokens;
        this.clock = clock;
    }

    /** Deletes every session that ended before now; returns how many. */
    int cleanUp() {
        var now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return BatchedDeletes.untilShort(BATCH, batch -> tokens.deleteEnded(now, batch));
    }

    @Override
    protected void runScheduled() {
        int deleted = cleanUp();
        if (deleted > 0) {
            log.info("Deleted {} ended session(s)", deleted);
        }
    }
}
