package com.gopherpay.identity.outbox;

import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Every {@link OutboxProperties#sweepInterval()}, publishes what the after-commit path left: rows of a crashed
 * instance, rows written while Kafka was away, overflow of a full queue, refused rows whose backoff is over.
 */
@Component
class OutboxSweeper {

    private static final Logger log = LoggerFactory.getLogger(OutboxSweeper.class);

    private final OutboxPublisher publisher;
    private final OutboxMessages messages;
    private final OutboxProperties properties;
    private volatile ScheduledExecutorService executor;
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
        if (executor != null) {
            return;
        }
        stopping = false;
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "outbox-sweeper");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(
                this::guardedSweep, 0, properties.sweepInterval().toMillis(), TimeUnit.MILLISECONDS);
        executor = started;
    }

    /** No further sweeps; a sweep under way ends after its current batch, within {@code timeoutMillis}. */
    synchronized void stop(long timeoutMillis) {
        ScheduledExecutorService running = executor;
        if (running == null) {
            return;
        }
        stopping = true;
        running.shutdown();
        try {
            if (!running.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
                running.shutdownNow();
                running.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    boolean isRunning() {
        return executor != null;
    }

    /** A failed sweep (database or Kafka away) must not end the schedule; the next one retries. */
    private void guardedSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                log.warn("Outbox sweep failed, will retry: {}", e.toString());
            }
        }
    }
}
