package com.gopherpay.identity.outbox;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

/**
 * {@code outbox} in {@code /actuator/health}: pending and failed rows, and the latest failures (id, event type,
 * attempts, error; never a payload). FAILED rows leave it UP: the service keeps working and publishing everything else,
 * so they must not take instances out of a load balancer; the {@code failed} detail and the {@code
 * identity_outbox_failed_rows} gauge are what alerts watch. DOWN only when the outbox table cannot be read.
 */
@Component // "outboxHealthIndicator": health contributor "outbox" (the name "outbox" is the Outbox bean's)
class OutboxHealthIndicator extends AbstractHealthIndicator {

    /** How many of the latest failed rows the details list. */
    static final int FAILURES_SHOWN = 5;

    private final OutboxMessages messages;

    OutboxHealthIndicator(OutboxMessages messages) {
        super("The outbox cannot be read");
        this.messages = messages;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        OutboxMessages.Summary summary = messages.summary();
        builder.up().withDetail("pending", summary.pending()).withDetail("failed", summary.failed());
        if (summary.oldestPending() != null) {
            builder.withDetail("oldestPending", summary.oldestPending().toString());
        }
        if (summary.failed() > 0) {
            builder.withDetail("latestFailures", messages.failed(FAILURES_SHOWN));
        }
    }
}
