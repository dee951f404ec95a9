package com.gopherpay.identity.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.errors.NotEnoughReplicasAfterAppendException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.TimeoutException;
import org.springframework.stereotype.Component;

/**
 * Outbox backlog, failed rows and age (refreshed by every sweep), published records, publish failures (tagged with
 * their cause) and records given up.
 */
@Component
class OutboxMetrics {

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong failedRows = new AtomicLong();
    private final AtomicReference<Instant> oldest = new AtomicReference<>();
    private final Counter published;
    private final MeterRegistry meters;

    /** What a cluster that is away or short of replicas answers. */
    private static final List<String> EXPECTED_CAUSES = List.of(
            TimeoutException.class.getSimpleName(),
            NotEnoughReplicasException.class.getSimpleName(),
            NotEnoughReplicasAfterAppendException.class.getSimpleName());

    private final Counter failed;
    private final DistributionSummary batchSizes;

    OutboxMetrics(MeterRegistry meters, Clock clock) {
        Gauge.builder("identity.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka (pending, not failed)")
                .register(meters);
        Gauge.builder("identity.outbox.failed.rows", failedRows, AtomicLong::get)
                .description("Outbox rows Kafka refused for good, kept for an operator")
                .register(meters);
        Gauge.builder("identity.outbox.oldest.age", oldest, ref -> {
                    Instant value = ref.get();
                    return value == null
                            ? 0
                            : Math.max(
                                    0, Duration.between(value, clock.instant()).toMillis() / 1000.0);
                })
                .description("Age in seconds of the oldest unpublished outbox row")
                .baseUnit("seconds")
                .register(meters);
        published = Counter.builder("identity.outbox.published")
                .description("Records acknowledged by Kafka")
                .register(meters);
        this.meters = meters;
        // The usual causes exist from the start, at 0, so that dashboards and alerts see them before the first failure.
        for (String cause : EXPECTED_CAUSES) {
            sendFailed(cause, 0);
        }
        failed = Counter.builder("identity.outbox.failed")
                .description("Records given up after Kafka refused them for good (moved to FAILED)")
                .register(meters);
        batchSizes = DistributionSummary.builder("identity.outbox.batch.size")
                .description("Records locked and sent by one relay transaction")
                .baseUnit("records")
                .register(meters);
    }

    void batch(int records) {
        batchSizes.record(records);
    }

    void summary(OutboxMessages.Summary summary) {
        backlog.set(summary.pending());
        failedRows.set(summary.failed());
        oldest.set(summary.oldestPending());
    }

    void published(int count) {
        published.increment(count);
    }

    /**
     * Sends Kafka did not acknowledge, by cause: the exception's simple class name ({@code NotEnoughReplicasException},
     * {@code TimeoutException}, …), a bounded set.
     */
    void sendFailed(String cause, int count) {
        Counter.builder("identity.outbox.publish.failures")
                .description("Sends Kafka did not acknowledge (the row stays for a retry or, refused for good, fails),"
                        + " by cause")
                .tag("cause", cause)
                .register(meters)
                .increment(count);
    }

    void gaveUp(int count) {
        failed.increment(count);
    }
}
