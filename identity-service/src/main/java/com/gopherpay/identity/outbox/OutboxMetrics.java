package com.gopherpay.identity.outbox;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/** Outbox backlog and age (refreshed by every sweep), published records and publish failures. */
@Component
class OutboxMetrics {

    private final AtomicLong backlog = new AtomicLong();
    private final AtomicReference<Instant> oldest = new AtomicReference<>();
    private final Counter published;
    private final Counter failures;

    OutboxMetrics(MeterRegistry meters, Clock clock) {
        Gauge.builder("identity.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet acknowledged by Kafka")
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
        failures = Counter.builder("identity.outbox.publish.failures")
                .description("Records Kafka did not acknowledge (left in the outbox for a retry)")
                .register(meters);
    }

    void backlog(long rows, Instant oldestCreatedAt) {
        backlog.set(rows);
        oldest.set(oldestCreatedAt);
    }

    void published(int count) {
        published.increment(count);
    }

    void failed(int count) {
        failures.increment(count);
    }
}
