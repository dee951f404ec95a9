package com.gopherpay.identity.outbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes a record right after its business transaction commits, on a thread of its own, so publishing never delays
 * the HTTP response. What it cannot take (a full queue) or cannot publish is left to the {@link OutboxSweeper}.
 */
@Component
class AfterCommitPublisher {

    private static final Logger log = LoggerFactory.getLogger(AfterCommitPublisher.class);
    /** Queued by {@link #stop} to wake the thread; never an event id (those are UUID v7). */
    private static final UUID WAKE_UP = new UUID(0, 0);

    private final OutboxPublisher publisher;
    private final int batchSize;
    private final long lingerNanos;
    private final BlockingQueue<UUID> queue;
    private volatile Thread thread;
    private volatile boolean stopping;

    AfterCommitPublisher(OutboxPublisher publisher, OutboxProperties properties) {
        this.publisher = publisher;
        this.batchSize = properties.batchSize();
        this.lingerNanos = properties.linger().toNanos();
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
    }

    /** Queues a committed record for publication; when the queue is full the sweeper gets it later. */
    void publishSoon(UUID eventId) {
        queue.offer(eventId);
    }

    synchronized void start() {
        if (thread != null) {
            return;
        }
        stopping = false;
        Thread started = new Thread(this::drain, "outbox-after-commit");
        started.setDaemon(true);
        started.start();
        thread = started;
    }

    /**
     * Publishes what is queued, within {@code timeout}, then ends the thread; whatever is left stays in the outbox for
     * a sweeper. Returns whether everything queued was published in time.
     */
    synchronized boolean stop(Duration timeout) {
        Thread running = thread;
        if (running == null) {
            return true;
        }
        stopping = true;
        queue.offer(WAKE_UP); // when full, the thread is busy and sees it is stopping once the queue is empty
        boolean flushed = true;
        try {
            running.join(timeout.toMillis());
            if (running.isAlive()) {
                flushed = false;
                running.interrupt();
                running.join(TimeUnit.SECONDS.toMillis(5));
            }
        } catch (InterruptedException e) {
            running.interrupt();
            Thread.currentThread().interrupt();
        }
        thread = null;
        return flushed;
    }

    boolean isRunning() {
        return thread != null;
    }

    /**
     * Waits up to the linger for more records to join {@code batch}, unless it is full or the relay is stopping: one
     * relay transaction and one produce request then serve several business transactions.
     */
    private void lingerForMore(List<UUID> batch) throws InterruptedException {
        long deadline = System.nanoTime() + lingerNanos;
        while (batch.size() < batchSize && !stopping) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            UUID next = queue.poll(remaining, TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            batch.add(next);
            queue.drainTo(batch, batchSize - batch.size());
        }
    }

    private void drain() {
        List<UUID> batch = new ArrayList<>(batchSize);
        while (!Thread.currentThread().isInterrupted()) {
            if (stopping && queue.isEmpty()) {
                return;
            }
            try {
                batch.add(queue.take());
                lingerForMore(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, batchSize - batch.size());
            batch.removeIf(WAKE_UP::equals);
            List<UUID> ids = List.copyOf(batch);
            batch.clear();
            try {
                publisher.publish(ids);
            } catch (RuntimeException e) {
                // The database or Kafka is away: the rows stay, the sweeper retries.
                if (!Thread.currentThread().isInterrupted()) {
                    log.warn("Publishing after commit failed, the sweeper retries: {}", e.toString());
                }
            }
        }
    }
}
