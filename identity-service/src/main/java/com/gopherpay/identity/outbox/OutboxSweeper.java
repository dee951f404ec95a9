package com.gopherpay.identity.outbox;

import com.gopherpay.identity.schedule.PeriodicTask;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Every {@link OutboxProperties#sweepInterval()}, publishes what the after-commit path left: rows of a crashed
 * instance, rows written while Kafka was away, overflow of a full queue, refused rows whose backoff is over.
 */
@Component
class OutboxSweeper {

    private final OutboxPublisher publisher;
    private final OutboxMessages messages;
    private final OutboxProperties properties;
    private volatile PeriodicTask task;
    private volatile boolean stopping;

    OutboxSweeper(OutboxPublisher publisher, OutboxMessages messages, OutboxProperties properties) {
        this.publisher = publisher;
        this.messages = messages;
        this.properties = properties;
    }

    /**
     * Publishes the oldest due rows, batch after batch while each batch comes back full (a backlog after an outage),
     * Kafka can be reached and the sweep budget lasts. A row that fails is not tried again in the same sweep, so a
     * refused row does not end it; returns how many were published.
     */
    int sweep() {
        int published = 0;
        if (publisher.ready()) {
            Instant roundStart = messages.now();
            long deadline = System.nanoTime() + properties.sweepBudget().toNanos();
            OutboxPublisher.Batch batch;
            do {
                batch = publisher.publishDue(roundStart);
                published += batch.published();
            } while (batch.locked() == properties.batchSize()
                    && !batch.kafkaUnreachable()
                    && System.nanoTime() - deadline < 0
                    && !stopping
                    && !Thread.currentThread().isInterrupted());
        }
        publisher.refreshMetrics();
        return published;
    }

    synchronized void start() {
        if (task == null) {
            stopping = false;
            task = PeriodicTask.start("outbox-sweeper", Duration.ZERO, properties.sweepInterval(), this::sweep);
        }
    }

    /** No further sweeps; a sweep under way ends after its current batch, within {@code timeoutMillis}. */
    synchronized void stop(long timeoutMillis) {
        if (task != null) {
            stopping = true;
            task.stop(Duration.ofMillis(timeoutMillis));
            task = null;
        }
    }

    boolean isRunning() {
        return task != null;
    }
}
