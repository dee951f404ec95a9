package com.gopherpay.novu.connect;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.gopherpay.novu.connect.config.NovuSinkConfig;
import com.gopherpay.novu.connect.config.NovuUrlPolicy;
import com.gopherpay.novu.connect.record.MalformedRecordException;
import com.gopherpay.novu.connect.record.Trigger;
import com.gopherpay.novu.connect.record.Triggers;
import com.gopherpay.novu.connect.sender.Backoff;
import com.gopherpay.novu.connect.sender.DeadlineExceededException;
import com.gopherpay.novu.connect.sender.NovuClient;
import com.gopherpay.novu.connect.sender.NovuUnavailableException;
import com.gopherpay.novu.connect.sender.Outcome;
import com.gopherpay.novu.connect.sender.Rejection;
import com.gopherpay.novu.connect.sender.Sleeper;
import com.gopherpay.novu.connect.sender.TriggerSender;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each batch of records into Novu triggers and reports what became of each. Offsets are committed only up to
 * records that are done, so anything not acknowledged is redelivered after a failure or restart.
 */
public final class NovuSinkTask extends SinkTask {

    private static final Logger log = LoggerFactory.getLogger(NovuSinkTask.class);

    private final AckedOffsets acked = new AckedOffsets();
    private final Clock clock;
    private final Sleeper sleeper;
    private NovuSinkConfig config;
    private Triggers triggers;
    private TriggerSender sender;
    private RejectedRecords rejected;

    /** The constructor Connect uses. */
    public NovuSinkTask() {
        // Thread.sleep ends early when the worker interrupts the task thread to shut it down.
        this(Clock.systemUTC(), delay -> Thread.sleep(delay.toMillis()));
    }

    NovuSinkTask(Clock clock, Sleeper sleeper) {
        this.clock = clock;
        this.sleeper = sleeper;
    }

    @Override
    public String version() {
        return Version.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        config = NovuSinkConfig.validated(props);
        ObjectMapper json = new ObjectMapper();
        triggers = new Triggers(json, config.defaultWorkflowId(), config.transactionIdHeader());
        NovuClient client = new NovuClient(
                NovuClient.httpClient(config.httpTimeout()),
                config.apiUrl(),
                config.apiKey(),
                config.httpTimeout(),
                "gopherpay-novu-sink-connector/" + Version.VERSION + " (Kafka Connect; Java "
                        + Runtime.version().feature() + ")",
                config.urlPolicy(NovuUrlPolicy.HostResolver.SYSTEM),
                config.httpResponseMaxBytes());
        Backoff backoff = new Backoff(
                config.retryBackoff(),
                config.retryBackoffMax(),
                config.retryAfterMax(),
                clock,
                () -> ThreadLocalRandom.current().nextDouble());
        sender = new TriggerSender(
                client, json, backoff, config.maxRetries(), config.retryMaxDuration(), sleeper, clock);
        rejected = new RejectedRecords(errantRecordReporter(), config.behaviorOnClientError());
        log.info(
                "Novu sink task started: {} batch.max.size={} novu.retry.max.duration.ms={}{}",
                config.apiUrl(),
                config.batchMaxSize(),
                config.retryMaxDuration().toMillis(),
                config.maxRetries() < 0 ? "" : " max.retries=" + config.maxRetries());
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        // Connect must hear back well within max.poll.interval.ms, however slow Novu is.
        Instant deadline = clock.instant().plus(config.putTimeout());
        List<Trigger> batch = new ArrayList<>(config.batchMaxSize());
        try {
            for (SinkRecord record : records) {
                if (acked.isDone(record)) {
                    continue; // redelivered after a retriable failure, but already acknowledged
                }
                Trigger trigger;
                try {
                    trigger = triggers.from(record);
                } catch (MalformedRecordException e) {
                    // Finish the earlier records first: offsets may only advance in partition order.
                    deliver(batch, deadline);
                    rejected.reject(record, Rejection.malformed(e.getMessage()));
                    acked.done(record);
                    continue;
                }
                batch.add(trigger);
                if (batch.size() == config.batchMaxSize()) {
                    deliver(batch, deadline);
                }
            }
            deliver(batch, deadline);
        } catch (DeadlineExceededException e) {
            // Novu is slow or in an outage the retry budget still covers: no error (Connect would log a
            // RetriableException at ERROR with its stack trace). Connect redelivers from the first record not yet
            // acknowledged, and the next put() finishes the wait that did not fit into this one.
            Map<TopicPartition, Long> rewind = firstUnacknowledged(records);
            log.debug(
                    "{}; redelivering {} partition(s) from the first record not yet acknowledged",
                    e.getMessage(),
                    rewind.size());
            context.offset(rewind);
        } catch (NovuUnavailableException e) {
            context.timeout(config.retryBackoffMax().toMillis());
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("Interrupted while delivering to Novu: the worker is stopping the task", e);
        }
    }

    /** Per partition, the offset of the first record of the batch that is not done. */
    private Map<TopicPartition, Long> firstUnacknowledged(Collection<SinkRecord> records) {
        Map<TopicPartition, Long> first = new HashMap<>();
        for (SinkRecord record : records) {
            if (!acked.isDone(record)) {
                first.merge(
                        new TopicPartition(record.originalTopic(), record.originalKafkaPartition()),
                        record.originalKafkaOffset(),
                        Math::min);
            }
        }
        return first;
    }

    private void deliver(List<Trigger> batch, Instant deadline) throws InterruptedException {
        if (batch.isEmpty()) {
            return;
        }
        for (Outcome outcome : sender.send(batch, deadline)) {
            SinkRecord record = outcome.trigger().record();
            if (outcome instanceof Outcome.Rejected rejection) {
                rejected.reject(record, rejection.rejection());
            }
            acked.done(record);
        }
        batch.clear();
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        return acked.committable(currentOffsets.keySet());
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        acked.forget(partitions);
    }

    @Override
    public void stop() {
        // Nothing to release. Connect calls this on the task thread after put() has returned, so it cannot cut a
        // backoff short; a worker shutting down interrupts the thread instead, which ends the sleep.
    }

    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            // Workers older than Kafka 2.6 have no errant-record reporter.
            return null;
        }
    }
}
