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
 * @param maxAttempts sends a record may take in all before a refusal for good (too large, topic not authorised)
 *     marks it {@code FAILED}; 1 gives up at the first refusal
 * @param retryBackoff wait after a refusal before the record is tried again, doubled per earlier attempt, at most
 *     64 times this
 * @param linger how long the after-commit relay waits for more committed records to join a batch before it publishes
 *     (it stops waiting once a batch is full); under load one relay transaction and one produce request then carry
 *     several registrations. {@code 0s} publishes each as soon as it is committed
 */
@ConfigurationProperties("identity.outbox")
public record OutboxProperties(
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("10000") int queueCapacity,
        @DefaultValue("30s") Duration sweepBudget,
        @DefaultValue("10s") Duration flushTimeout,
        @DefaultValue("5") int maxAttempts,
        @DefaultValue("30s") Duration retryBackoff,
        @DefaultValue("20ms") Duration linger) {

    /** The backoff after a refusal grows to at most this many times {@link #retryBackoff()}. */
    public static final int MAX_BACKOFF_FACTOR = 64;

    public OutboxProperties {
        if (batchSize < 1
                || queueCapacity < 1
                || maxAttempts < 1
                || !isPositive(sweepInterval)
                || !isPositive(sweepBudget)
                || !isPositive(flushTimeout)
                || !isPositive(retryBackoff)
                || linger.isNegative()) {
            throw new IllegalArgumentException("identity.outbox settings must be positive (linger: at least 0s)");
        }
    }

    /** The longest wait between two tries of a refused record. */
    public Duration maxBackoff() {
        return retryBackoff.multipliedBy(MAX_BACKOFF_FACTOR);
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }
}
