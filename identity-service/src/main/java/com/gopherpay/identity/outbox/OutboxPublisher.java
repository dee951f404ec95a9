package com.gopherpay.identity.outbox;

import com.gopherpay.identity.kafka.KafkaFailures;
import com.gopherpay.identity.kafka.KafkaProperties;
import com.gopherpay.identity.kafka.ProvisionedTopic;
import com.gopherpay.identity.outbox.OutboxMessages.PendingMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes locked outbox rows to Kafka and settles each one: deleted once acknowledged, otherwise its failure
 * recorded (see {@link OutboxMessages#recordFailure}). Rows stay locked ({@code FOR UPDATE SKIP LOCKED}) until Kafka
 * has answered, so two paths, or two service instances, never publish one row at the same time; the producer's
 * {@code delivery.timeout.ms} bounds how long. Once a send fails at once because Kafka cannot be reached, the rest of
 * the batch is not sent (each would block for {@code max.block.ms}). Delivery is at-least-once: a lost acknowledgement
 * means the row is published again, and consumers de-duplicate by event id.
 */
@Component
class OutboxPublisher {

    private static final Logger log = LoggerFactory.getLogger(OutboxPublisher.class);

    private final OutboxMessages messages;
    private final TransactionTemplate transactions;
    private final Producer<String, byte[]> producer;
    private final List<ProvisionedTopic> topics;
    private final OutboxProperties properties;
    private final KafkaProperties kafka;
    private final OutboxMetrics metrics;

    OutboxPublisher(
            OutboxMessages messages,
            TransactionTemplate transactions,
            Producer<String, byte[]> producer,
            List<ProvisionedTopic> topics,
            OutboxProperties properties,
            KafkaProperties kafka,
            OutboxMetrics metrics) {
        this.messages = messages;
        this.transactions = transactions;
        this.producer = producer;
        this.topics = List.copyOf(topics);
        this.properties = properties;
        this.kafka = kafka;
        this.metrics = metrics;
    }

    /** Whether every topic exists (created when missing); nothing is published before. */
    boolean ready() {
        boolean ready = true;
        for (ProvisionedTopic topic : topics) {
            ready &= topic.ensureCreated();
        }
        return ready;
    }

    /** Publishes these rows if they are still pending and no other relay holds them. */
    Batch publish(List<UUID> eventIds) {
        if (eventIds.isEmpty() || !ready()) {
            return Batch.EMPTY;
        }
        return relay(() -> messages.lockPending(eventIds));
    }

    /** Publishes the oldest due rows (see {@link OutboxMessages#lockDue}), at most a batch. */
    Batch publishDue(Instant roundStart) {
        return relay(() -> messages.lockDue(roundStart, properties.batchSize()));
    }

    /** Refreshes the backlog and failed-rows gauges. */
    void refreshMetrics() {
        metrics.summary(messages.summary());
    }

    private Batch relay(Supplier<List<PendingMessage>> lock) {
        Batch batch = transactions.execute(status -> {
            List<PendingMessage> rows = lock.get();
            if (rows.isEmpty()) {
                return Batch.EMPTY;
            }
            metrics.batch(rows.size());
            List<Future<RecordMetadata>> sends = new ArrayList<>(rows.size());
            boolean unreachable = false;
            for (PendingMessage row : rows) {
                Future<RecordMetadata> send = send(row);
                sends.add(send);
                if (failedAtOnceUnreachable(send)) {
                    unreachable = true;
                    break; // every further send would block for max.block.ms while we hold the locks
                }
            }
            if (unreachable && sends.size() < rows.size()) {
                log.warn(
                        "Kafka cannot be reached ({}); {} outbox records wait for the next sweep",
                        KafkaFailures.describe(failureOf(sends.get(sends.size() - 1))),
                        rows.size() - sends.size());
            }
            List<UUID> acknowledged = new ArrayList<>(rows.size());
            FailureCauses causes = new FailureCauses();
            int gaveUp = 0;
            for (int i = 0; i < sends.size(); i++) {
                PendingMessage row = rows.get(i);
                Throwable failure = awaitAcknowledgement(sends.get(i));
                if (failure == null) {
                    acknowledged.add(row.id());
                    continue;
                }
                causes.add(failure);
                boolean refused = KafkaFailures.refusedForGood(failure);
                String error = KafkaFailures.describe(failure);
                if (messages.recordFailure(
                        row.id(),
                        error,
                        refused,
                        properties.maxAttempts(),
                        properties.retryBackoff(),
                        properties.maxBackoff())) {
                    gaveUp++;
                    log.error(
                            "Kafka refused outbox record {} ({}) {} times; it is FAILED and kept for an operator: {}",
                            row.id(),
                            row.eventType(),
                            row.attempts() + 1,
                            error);
                } else if (refused) {
                    log.warn(
                            "Kafka refused outbox record {} ({}); retrying later: {}",
                            row.id(),
                            row.eventType(),
                            error);
                }
            }
            messages.delete(acknowledged);
            int failed = sends.size() - acknowledged.size();
            if (failed > 0) {
                causes.counts().forEach(metrics::sendFailed);
                // The cause is also in each row's last_error, but that is deleted once a retry succeeds.
                log.warn(
                        "Kafka did not acknowledge {} of {} outbox records: {}",
                        failed,
                        sends.size(),
                        causes.summary());
            }
            metrics.gaveUp(gaveUp);
            metrics.published(acknowledged.size());
            return new Batch(rows.size(), acknowledged.size(), unreachable);
        });
        return batch == null ? Batch.EMPTY : batch;
    }

    private Future<RecordMetadata> send(PendingMessage row) {
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(row.topic(), row.key(), row.payload().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-id", row.id().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add("event-type", row.eventType().getBytes(StandardCharsets.UTF_8));
        if (row.traceparent() != null) {
            record.headers().add("traceparent", row.traceparent().getBytes(StandardCharsets.UTF_8));
        }
        row.headers().forEach((name, value) -> record.headers().add(name, value.getBytes(StandardCharsets.UTF_8)));
        try {
            return producer.send(record);
        } catch (KafkaException | IllegalStateException e) {
            // Not buffered (e.g. no metadata within max.block.ms): nothing can reach the broker later.
            return CompletableFuture.failedFuture(e);
        }
    }

    private static boolean failedAtOnceUnreachable(Future<RecordMetadata> send) {
        if (!send.isDone()) {
            return false;
        }
        try {
            send.get();
            return false;
        } catch (ExecutionException e) {
            return KafkaFailures.unreachable(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /** The failure of a send that is already done. */
    private static Throwable failureOf(Future<RecordMetadata> send) {
        try {
            send.get();
            return new IllegalStateException("no failure");
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /** Waits for the producer's verdict; null when acknowledged, else the failure. */
    private Throwable awaitAcknowledgement(Future<RecordMetadata> send) {
        // The producer completes every buffered send within delivery.timeout.ms; the margin covers its clock.
        long wait = kafka.deliveryTimeout().plus(kafka.maxBlock()).toMillis() + 5_000;
        try {
            send.get(wait, TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (TimeoutException e) {
            return new org.apache.kafka.common.errors.TimeoutException("no answer from Kafka within " + wait + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while publishing outbox records", e);
        }
    }

    /**
     * One relay transaction's outcome.
     *
     * @param locked rows it locked
     * @param published rows Kafka acknowledged
     * @param kafkaUnreachable whether it stopped sending because Kafka could not be reached
     */
    record Batch(int locked, int published, boolean kafkaUnreachable) {
        static final Batch EMPTY = new Batch(0, 0, false);
    }
}
