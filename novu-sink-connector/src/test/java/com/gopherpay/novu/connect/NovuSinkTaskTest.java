package com.gopherpay.novu.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.gopherpay.novu.contract.Fault;
import com.gopherpay.novu.contract.RecordedRequest;
import com.gopherpay.novu.contract.StrictNovuStub;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NovuSinkTaskTest {

    private static final TopicPartition PARTITION = new TopicPartition("email-verification", 0);

    private final StrictNovuStub stub = StrictNovuStub.start();
    private final WorkerContext context = new WorkerContext();
    private final NovuSinkTask task = new NovuSinkTask();

    @AfterEach
    void stop() {
        task.stop();
        stub.close();
    }

    private void start(Map<String, String> overrides, boolean withReporter) {
        Map<String, String> props = new HashMap<>();
        props.put("novu.api.url", stub.baseUrl());
        props.put("novu.api.key", stub.apiKey());
        props.put("novu.workflow.id", "email-verification");
        props.put("max.retries", "1");
        props.put("retry.backoff.ms", "1");
        props.put("retry.backoff.max.ms", "5");
        props.putAll(overrides);
        context.reporter = withReporter ? new RecordingReporter() : null;
        task.initialize(context);
        task.start(props);
    }

    private static SinkRecord record(long offset, String value) {
        return new SinkRecord(PARTITION.topic(), PARTITION.partition(), null, null, null, value, offset);
    }

    private static SinkRecord good(long offset) {
        return record(offset, "{\"to\":{\"subscriberId\":\"u" + offset + "\"},\"payload\":{}}");
    }

    private Map<TopicPartition, OffsetAndMetadata> preCommit() {
        return task.preCommit(Map.of(PARTITION, new OffsetAndMetadata(1_000)));
    }

    @Test
    void commitsOnlyAcknowledgedRecordsAndSkipsThemOnRedelivery() {
        start(Map.of("batch.max.size", "2"), true);
        List<SinkRecord> records = List.of(good(0), good(1), good(2), good(3));
        // The first bulk is answered normally; the second fails on its first try and its one retry.
        stub.failNext(Fault.delay(Duration.ZERO));
        stub.failNext(2, Fault.unavailable());

        assertThatThrownBy(() -> task.put(records)).isInstanceOf(RetriableException.class);
        assertThat(context.timeoutMs).isEqualTo(5);
        assertThat(preCommit()).containsEntry(PARTITION, new OffsetAndMetadata(2));

        task.put(records); // Connect redelivers the same batch

        assertThat(stub.acceptedTransactionIds())
                .containsExactly(
                        "email-verification-0-0",
                        "email-verification-0-1",
                        "email-verification-0-2",
                        "email-verification-0-3");
        assertThat(preCommit()).containsEntry(PARTITION, new OffsetAndMetadata(4));
    }

    @Test
    void handsTheBatchBackWhenItsTimeBudgetRunsOutAndResumesWhereItStopped() {
        start(Map.of("batch.max.size", "2", "put.timeout.ms", "1000"), true);
        List<SinkRecord> records = List.of(good(0), good(1), good(2), good(3));
        // Novu is slow, not failing: the first bulk is accepted after the budget is used up.
        stub.failNext(Fault.delay(Duration.ofMillis(1_500)));

        // No exception (Connect would log a RetriableException at ERROR with its stack trace): the task asks
        // Connect to redeliver from the first record not acknowledged.
        task.put(records);
        assertThat(stub.requests()).hasSize(1);
        assertThat(context.rewound).containsExactly(Map.entry(PARTITION, 2L));
        assertThat(preCommit()).containsEntry(PARTITION, new OffsetAndMetadata(2));

        task.put(records); // Connect redelivers the same batch

        assertThat(stub.acceptedTransactionIds())
                .containsExactly(
                        "email-verification-0-0",
                        "email-verification-0-1",
                        "email-verification-0-2",
                        "email-verification-0-3");
        assertThat(stub.requests()).hasSize(2);
        assertThat(preCommit()).containsEntry(PARTITION, new OffsetAndMetadata(4));
    }

    @Test
    void endsABackoffWhenTheWorkerInterruptsTheTaskThreadAndKeepsTheInterruptFlag() {
        start(
                Map.of(
                        "max.retries", "3",
                        "retry.backoff.ms", "600000",
                        "retry.backoff.max.ms", "600000",
                        "put.timeout.ms", "3600000"),
                true);
        stub.failUntilRecovered(Fault.unavailable());
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        AtomicBoolean interruptFlag = new AtomicBoolean();
        Thread taskThread = new Thread(() -> {
            try {
                task.put(List.of(good(0)));
            } catch (RuntimeException e) {
                thrown.set(e);
                interruptFlag.set(Thread.currentThread().isInterrupted());
            }
        });
        taskThread.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> stub.requests().size() == 1);

        taskThread.interrupt();

        await().atMost(Duration.ofSeconds(10)).until(() -> !taskThread.isAlive());
        assertThat(thrown.get()).isInstanceOf(RetriableException.class).hasCauseInstanceOf(InterruptedException.class);
        assertThat(interruptFlag).isTrue();
        assertThat(preCommit()).isEmpty();
    }

    @Test
    void reportsRejectedRecordWithNovuStatusAndReasonAndCarriesOn() {
        start(Map.of(), true);

        task.put(List.of(good(0), record(1, "{\"name\":\"no-such-workflow\",\"to\":\"u1\"}"), good(2)));

        RecordingReporter reporter = (RecordingReporter) context.reporter;
        assertThat(reporter.reported).hasSize(1);
        SinkRecord reported = reporter.reported.get(0);
        assertThat(reported.kafkaOffset()).isEqualTo(1);
        assertThat(novuHeaders(reported))
                .containsOnly(
                        Map.entry("novu.error.status", "422"),
                        Map.entry("novu.error.class", "novu-rejected"),
                        Map.entry("novu.error.reason", "HTTP 422 workflow_not_found"));
        assertThat(reporter.errors.get(0).getMessage())
                .contains("email-verification-0@1")
                .contains("HTTP 422 workflow_not_found")
                .doesNotContain(stub.apiKey());
        assertThat(stub.acceptedTransactionIds()).containsExactly("email-verification-0-0", "email-verification-0-2");
        assertThat(preCommit()).containsEntry(PARTITION, new OffsetAndMetadata(3));
    }

    @Test
    void keepsPayloadValuesEchoedByNovuOutOfTheHeadersAndTheException() {
        start(Map.of(), true);
        String link = "https://id.example/verify?token=tok-secret-123";
        stub.failNext(Fault.dtoValidation("payload.verificationLink", "verificationLink must be an URL", link));

        task.put(List.of(record(0, "{\"to\":\"u0\",\"payload\":{\"verificationLink\":\"" + link + "\"}}")));

        RecordingReporter reporter = (RecordingReporter) context.reporter;
        assertThat(reporter.errors.get(0))
                .hasMessageContaining("email-verification-0@0")
                .hasMessageContaining("HTTP 422 Validation Error")
                .hasMessageNotContaining("tok-secret-123")
                .hasNoCause();
        SinkRecord reported = reporter.reported.get(0);
        // Before, Novu's body (which echoes the link) went into a novu.error.body header.
        assertThat(novuHeaders(reported))
                .containsOnlyKeys("novu.error.status", "novu.error.class", "novu.error.reason")
                .allSatisfy((name, value) -> assertThat(value).doesNotContain("tok-secret-123"));
    }

    @Test
    void failsTaskWithoutEchoingNovuErrorBodyWhenThereIsNoReporter() {
        start(Map.of(), false);
        String link = "https://id.example/verify?token=tok-secret-456";
        stub.failNext(Fault.dtoValidation("payload.verificationLink", "verificationLink must be an URL", link));

        assertThatThrownBy(() -> task.put(List.of(record(0, "{\"to\":\"u0\"}"))))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("HTTP 422 Validation Error")
                .hasMessageNotContaining("tok-secret-456")
                .hasRootCauseMessage("Novu trigger for record email-verification-0@0 failed permanently: HTTP 422"
                        + " Validation Error");
    }

    @Test
    void reportsMalformedRecordWithoutCallingNovu() {
        start(Map.of(), true);

        task.put(List.of(record(0, "not json"), good(1)));

        RecordingReporter reporter = (RecordingReporter) context.reporter;
        assertThat(reporter.reported).extracting(SinkRecord::kafkaOffset).containsExactly(0L);
        assertThat(reporter.reported
                        .get(0)
                        .headers()
                        .lastWithName("novu.error.reason")
                        .value()
                        .toString())
                .contains("not JSON");
        assertThat(novuHeaders(reporter.reported.get(0)))
                .containsEntry("novu.error.class", "malformed-record")
                .doesNotContainKey("novu.error.status");
        assertThat(stub.requests()).hasSize(1);
        assertThat(preCommit()).containsEntry(PARTITION, new OffsetAndMetadata(2));
    }

    @Test
    void failsTaskOnClientErrorWithoutReporterByDefault() {
        start(Map.of(), false);

        assertThatThrownBy(() -> task.put(List.of(record(0, "{\"name\":\"no-such-workflow\",\"to\":\"u1\"}"))))
                .isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("email-verification-0@0")
                .hasMessageContaining("workflow_not_found")
                .hasMessageContaining("behavior.on.client.error");
        assertThat(preCommit()).isEmpty();
    }

    @Test
    void logsAndSkipsClientErrorWhenConfigured() {
        start(Map.of("behavior.on.client.error", "log"), false);

        task.put(List.of(record(0, "{\"name\":\"no-such-workflow\",\"to\":\"u1\"}"), good(1)));

        assertThat(stub.acceptedTransactionIds()).containsExactly("email-verification-0-1");
        assertThat(preCommit()).containsEntry(PARTITION, new OffsetAndMetadata(2));
    }

    @Test
    void failsTaskWhenApiKeyIsRejected() {
        start(Map.of("novu.api.key", "not-the-key"), true);

        assertThatThrownBy(() -> task.put(List.of(good(0))))
                .isInstanceOf(ConnectException.class)
                .isNotInstanceOf(RetriableException.class)
                .hasMessageContaining("API key")
                .hasMessageNotContaining("not-the-key");
        assertThat(((RecordingReporter) context.reporter).reported).isEmpty();
    }

    @Test
    void deliversRecordsWhoseTransactionIdIsNoValidHeaderValue() {
        start(Map.of(), false);
        SinkRecord fromHeader = good(1);
        fromHeader.headers().addBytes("event-id", "evt-中".getBytes(StandardCharsets.UTF_8));

        task.put(List.of(record(0, "{\"to\":\"u0\",\"transactionId\":\"tx-中\"}"), fromHeader));

        assertThat(stub.acceptedTransactionIds()).containsExactly("tx-中", "evt-中");
        assertThat(stub.requests())
                .allSatisfy(request -> assertThat(request.header("Idempotency-Key"))
                        .hasValueSatisfying(key -> assertThat(key).matches("[0-9a-f]{64}")));
        assertThat(preCommit()).containsEntry(PARTITION, new OffsetAndMetadata(2));
    }

    @Test
    void keepsThePathOfTheApiUrlForNovuBehindAReverseProxy() {
        try (StrictNovuStub proxied = StrictNovuStub.builder().basePath("/novu").start()) {
            Map<String, String> props = new HashMap<>();
            props.put("novu.api.url", proxied.baseUrl() + "/v1/");
            props.put("novu.api.key", proxied.apiKey());
            props.put("novu.workflow.id", "email-verification");
            task.initialize(context);
            task.start(props);

            task.put(List.of(good(0)));

            assertThat(proxied.acceptedTransactionIds()).containsExactly("email-verification-0-0");
        }
    }

    @Test
    void sendsEveryRecordOnceWithTheSingleEndpointByDefault() {
        start(Map.of(), true);

        task.put(List.of(good(0), good(1)));

        assertThat(stub.requests()).allMatch(RecordedRequest::isTrigger).hasSize(2);
    }

    private static Map<String, String> novuHeaders(SinkRecord record) {
        Map<String, String> headers = new HashMap<>();
        record.headers().forEach(header -> {
            if (header.key().startsWith("novu.")) {
                headers.put(header.key(), String.valueOf(header.value()));
            }
        });
        return headers;
    }

    /** Connect's side of the task: what a worker provides. */
    private static final class WorkerContext implements SinkTaskContext {
        ErrantRecordReporter reporter;
        long timeoutMs = -1;
        final Map<TopicPartition, Long> rewound = new HashMap<>();

        @Override
        public Map<String, String> configs() {
            return Map.of();
        }

        @Override
        public void offset(Map<TopicPartition, Long> offsets) {
            rewound.putAll(offsets);
        }

        @Override
        public void offset(TopicPartition tp, long offset) {}

        @Override
        public void timeout(long timeoutMs) {
            this.timeoutMs = timeoutMs;
        }

        @Override
        public Set<TopicPartition> assignment() {
            return Set.of(PARTITION);
        }

        @Override
        public void pause(TopicPartition... partitions) {}

        @Override
        public void resume(TopicPartition... partitions) {}

        @Override
        public void requestCommit() {}

        @Override
        public ErrantRecordReporter errantRecordReporter() {
            return reporter;
        }

        @Override
        public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
            throw new UnsupportedOperationException("not used by the Novu sink");
        }
    }

    private static final class RecordingReporter implements ErrantRecordReporter {
        final List<SinkRecord> reported = new ArrayList<>();
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public Future<Void> report(SinkRecord record, Throwable error) {
            reported.add(record);
            errors.add(error);
            return CompletableFuture.completedFuture(null);
        }
    }
}
