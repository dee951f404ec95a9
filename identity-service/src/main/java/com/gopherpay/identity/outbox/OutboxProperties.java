package com.gopherpay.identity.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay.
 *
 * @param sweepInterval pause between sweeps for rows the after-commit path did not publish (crash, Kafka down)
 * @param batchSize most rows locked and published by one relay transaction
 * @param queueCapacity after-commit publications waiting for the relay thread; overflow is left to the sweeper
 * @param sweepBudget how long one sweep keeps taking batches while each comes back full (a backlog after an outage)
 * @param flushTimeout at shutdown, how long the relay may keep publishing what is already queued
 */
@ConfigurationProperties("identity.outbox")
public record OutboxProperties(
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("30s") Duration sweepBudget,
        @DefaultValue("10s") Duration flushTimeout) {

    public OutboxProperties {
        if (batchSize < 1
                || queueCapacity < 1
                || !isPositive(sweepInterval)
                || !isPositive(sweepBudget)
                || !isPositive(flushTimeout)) {
            throw new IllegalArgumentException("identity.outbox settings must be positive");
        }
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
