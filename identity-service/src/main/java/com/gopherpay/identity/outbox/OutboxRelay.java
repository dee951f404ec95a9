package com.gopherpay.identity.outbox;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes outbox rows to Kafka and deletes them once the broker has acknowledged them.
 *
 * <p>Two paths feed it. Right after a business transaction commits, its message ids are queued for the relay thread,
 * so publishing never delays the HTTP response. A sweeper picks up whatever is left (a crash before publishing, Kafka
 * unreachable, a full queue). Both lock rows with {@code FOR UPDATE SKIP LOCKED} and keep the lock until Kafka has
 * answered and the row is deleted, so two paths, or two service instances, never publish one row at the same time.
 * The producer's {@code delivery.timeout.ms} bounds how long a lock is held; once a send fails at once because Kafka
 * cannot be reached, the rest of the batch is not sent (each would block for {@code max.block.ms}) and waits for the
 * next sweep. Delivery is at-least-once: a broker acknowledgement that is lost on the way back means the row is
 * published again, and consumers de-duplicate by event id.
 *
 * <p>It stops after the web server's graceful shutdown, so messages committed by the last requests are still
 * published, within {@link OutboxProperties#flushTimeout()}.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String SELECT = "SELECT id, topic, record_key, event_type, payload, traceparent FROM outbox";
    /** Queued by {@link #stop()} to wake the relay thread; never an event id (those are UUID v7). */
    private static final UUID WAKE_UP = new UUID(0, 0);

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Producer<String, byte[]> producer;
    private final NotificationTopic topic;
    private final OutboxProperties properties;
    private final KafkaProperties kafka;
    private final OutboxMetrics metrics;
    private final BlockingQueue<UUID> queue;
    private volatile ScheduledExecutorService executor;
    private volatile boolean stopping;

    OutboxRelay(
            JdbcClient jdbc,
            TransactionTemplate transactions,
            Producer<String, byte[]> producer,
            NotificationTopic topic,
            OutboxProperties properties,
            KafkaProperties kafka,
            OutboxMetrics metrics) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.producer = producer;
        this.topic = topic;
        this.properties = properties;
        this.kafka = kafka;
        this.metrics = metrics;
        this.queue = new ArrayBlockingQueue<>(properties.queueCapacity());
    }

    /** Queues a committed message for publication; when the queue is full the sweeper gets it later. */
    void publishSoon(UUID eventId) {
        queue.offer(eventId);
    }

    /** Publishes these rows if they still exist and no other relay holds them; returns how many were published. */
    int publish(List<UUID> eventIds) {
        if (eventIds.isEmpty() || !topic.ensureCreated()) {
            return 0;
        }
        return relay(SELECT + " WHERE id IN (:ids) FOR UPDATE SKIP LOCKED", Map.of("ids", eventIds));
    }

    /**
     * Publishes the oldest rows that no other relay holds, batch after batch while each batch is published in full
     * (a backlog after an outage) and the sweep budget lasts; returns how many were published.
     */
    int sweep() {
        int published = 0;
        if (topic.ensureCreated()) {
            long deadline = System.nanoTime() + properties.sweepBudget().toNanos();
            int batch;
            do {
                batch = relay(
                        SELECT + " ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED",
                        Map.of("limit", properties.batchSize()));
                published += batch;
            } while (batch == properties.batchSize()
                    && System.nanoTime() - deadline < 0
                    && !stopping
                    && !Thread.currentThread().isInterrupted());
        }
        refreshBacklog();
        return published;
    }

    private int relay(String sql, Map<String, Object> params) {
        Integer published = transactions.execute(status -> {
            List<Row> rows =
                    jdbc.sql(sql).params(params).query(OutboxRelay::map).list();
            if (rows.isEmpty()) {
                return 0;
            }
            List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
            for (Row row : rows) {
                Future<RecordMetadata> send = send(row);
                sends.add(send);
                if (kafkaUnreachable(send)) {
                    break; // every further send would block for max.block.ms while we hold the locks
                }
            }
            if (sends.size() < rows.size()) {
                log.warn(
                        "Kafka cannot be reached; {} outbox records wait for the next sweep",
                        rows.size() - sends.size());
            }
            List<UUID> acknowledged = new ArrayList<>(rows.size());
            for (int i = 0; i < sends.size(); i++) {
                Row row = rows.get(i);
                String error = awaitAcknowledgement(sends.get(i));
                if (error == null) {
                    acknowledged.add(row.id());
                } else {
                    jdbc.sql("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?")
                            .params(error, row.id())
                            .update();
                }
            }
            if (!acknowledged.isEmpty()) {
                jdbc.sql("DELETE FROM outbox WHERE id IN (:ids)")
                        .param("ids", acknowledged)
                        .update();
            }
            int failed = sends.size() - acknowledged.size();
            if (failed > 0) {
                metrics.failed(failed);
                log.warn("Kafka did not acknowledge {} of {} outbox records; they stay queued", failed, sends.size());
            }
            metrics.published(acknowledged.size());
            return acknowledged.size();
        });
        return published == null ? 0 : published;
    }

    private Future<RecordMetadata> send(Row row) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(row.topic(), row.key(), row.payload().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-id", row.id().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", row.eventType().getBytes(StandardCharsets.UTF_8));
        if (row.traceparent() != null) {
            record.headers().add("traceparent", row.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        try {
            return producer.send(record);
        } catch (KafkaException | IllegalStateException e) {
            // Not buffered (e.g. no metadata within max.block.ms): nothing can reach the broker later.
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Whether the send failed at once for a reason that every following send shares: no metadata within {@code
     * max.block.ms}, a full buffer, a closed producer. A failure of this one record (too large) is not such a reason.
     */
    private static boolean kafkaUnreachable(Future<RecordMetadata> send) {
        if (!send.isDone()) {
            return false;
        }
        try {
            send.get();
            return false;
        } catch (ExecutionException e) {
            return e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException
                    || !(e.getCause() instanceof ApiException);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** Waits for the producer's verdict; null when acknowledged, else the reason. */
    private String awaitAcknowledgement(Future<RecordMetadata> send) {
        // The producer completes every buffered send within delivery.timeout.ms; the margin covers its clock.
        long wait = kafka.deliveryTimeout().plus(kafka.maxBlock()).toMillis() + 5_000;
        try {
            send.get(wait, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return String.valueOf(e.getCause());
        } catch (TimeoutException e) {
            return "no answer from Kafka within " + wait + " ms";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing outbox records", e);
        }
    }

    private void refreshBacklog() {
        jdbc.sql("SELECT count(*) AS backlog, min(created_at) AS oldest FROM outbox")
                .query((rs, row) -> {
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    metrics.backlog(rs.getLong("backlog"), oldest == null ? null : oldest.toInstant());
                    return row;
                })
                .single();
    }

    @Override
    public synchronized void start() {
        stopping = false;
        ScheduledExecutorService started = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
        });
        long sweepMillis = properties.sweepInterval().toMillis();
        started.scheduleWithFixedDelay(() -> guarded(this::sweep), 0, sweepMillis, TimeUnit.MILLISECONDS);
        started.execute(this::drainQueue);
        executor = started;
    }

    private void drainQueue() {
        List<UUID> batch = new ArrayList<>(properties.batchSize());
        while (!Thread.currentThread().isInterrupted()) {
            if (stopping && queue.isEmpty()) {
                return;
            }
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, properties.batchSize() - 1);
            batch.removeIf(WAKE_UP::equals);
            List<UUID> ids = List.copyOf(batch);
            batch.clear();
            guarded(() -> publish(ids));
        }
    }

    /** A failed round (database or Kafka away) must not end the relay thread; the sweeper retries. */
    private void guarded(Runnable round) {
        try {
            round.run();
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                log.warn("Outbox relay round failed, will retry: {}", e.toString());
            }
        }
    }

    /**
     * Publishes what is queued, within {@link OutboxProperties#flushTimeout()}, then ends both threads. Whatever is
     * left stays in the outbox for the sweeper of the next start (or of another instance).
     */
    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = executor;
        if (running == null) {
            return;
        }
        stopping = true;
        queue.offer(WAKE_UP); // when full, the relay thread is busy and sees it is stopping once the queue is empty
        running.shutdown(); // no further sweeps
        try {
            if (!running.awaitTermination(properties.flushTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn(
                        "Outbox relay did not publish everything queued within {}; the sweeper publishes the rest",
                        properties.flushTimeout());
                running.shutdownNow();
                running.awaitTermination(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            running.shutdownNow();
            Thread.currentThread().interrupt();
        }
        executor = null;
    }

    /**
     * Lower than the web server's graceful-shutdown phase: the relay stops after the last requests have finished, so
     * their messages are queued by then and published by {@link #stop()}.
     */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE - 1;
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    private static Row map(ResultSet rs, int row) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getString("topic"),
                rs.getString("record_key"),
                rs.getString("event_type"),
                rs.getString("payload"),
                rs.getString("traceparent"));
    }

    private record Row(UUID id, String topic, String key, String eventType, String payload, String traceparent) {}
}
