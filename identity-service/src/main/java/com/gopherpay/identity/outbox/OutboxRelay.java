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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * The producer's {@code delivery.timeout.ms} bounds how long a lock is held. Delivery is at-least-once: a broker
 * acknowledgement that is lost on the way back means the row is published again, and consumers de-duplicate by event
 * id.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final String SELECT = "SELECT id, topic, record_key, event_type, payload, traceparent FROM outbox";

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final Producer<String, byte[]> producer;
    private final NotificationTopic topic;
    private final OutboxProperties properties;
    private final KafkaProperties kafka;
    private final OutboxMetrics metrics;
    private final BlockingQueue<UUID> queue;
    private volatile ScheduledExecutorService executor;

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

    /** Publishes the oldest rows that no other relay holds; returns how many were published. */
    int sweep() {
        int published = 0;
        if (topic.ensureCreated()) {
            published = relay(
                    SELECT + " ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED",
                    Map.of("limit", properties.batchSize()));
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
                sends.add(send(row));
            }
            List<UUID> acknowledged = new ArrayList<>(rows.size());
            for (int i = 0; i < rows.size(); i++) {
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
            int failed = rows.size() - acknowledged.size();
            if (failed > 0) {
                metrics.failed(failed);
                log.warn("Kafka did not acknowledge {} of {} outbox records; they stay queued", failed, rows.size());
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
        } catch (KafkaException e) {
            // Not buffered (e.g. no metadata within max.block.ms): nothing can reach the broker later.
            return CompletableFuture.failedFuture(e);
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
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            queue.drainTo(batch, properties.batchSize() - 1);
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

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = executor;
        executor = null;
        if (running != null) {
            running.shutdownNow();
            try {
                if (!running.awaitTermination(10, TimeUnit.SECONDS)) {
                    log.warn("Outbox relay did not stop within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
