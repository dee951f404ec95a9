package com.gopherpay.novu.connect.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gopherpay.novu.connect.config.NovuUrlPolicy;
import com.gopherpay.novu.connect.record.Trigger;
import com.gopherpay.novu.connect.record.Triggers;
import com.gopherpay.novu.contract.Fault;
import com.gopherpay.novu.contract.RecordedRequest;
import com.gopherpay.novu.contract.StrictNovuStub;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class TriggerSenderTest {

    private final StrictNovuStub stub = StrictNovuStub.builder()
            .apiKey("test-secret-key")
            .knownWorkflows("email-verification")
            .start();
    private final ObjectMapper json = new ObjectMapper();
    private final Triggers triggers = new Triggers(json, "email-verification", "event-id");
    private final List<Duration> sleeps = new ArrayList<>();
    private final SteppingClock clock = new SteppingClock();
    private Instant deadline = clock.instant().plus(Duration.ofHours(1));

    @AfterEach
    void stopStub() {
        stub.close();
    }

    private TriggerSender sender(String apiKey, int maxRetries, Duration timeout) {
        return sender(apiKey, maxRetries, timeout, "gopherpay-novu-sink-connector/test");
    }

    private TriggerSender sender(String apiKey, int maxRetries, Duration timeout, String userAgent) {
        return sender(
                apiKey,
                maxRetries,
                timeout,
                userAgent,
                new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10), clock, () -> 0.0),
                Duration.ofHours(1),
                delay -> {});
    }

    private TriggerSender sender(
            String apiKey,
            int maxRetries,
            Duration timeout,
            String userAgent,
            Backoff backoff,
            Duration retryBudget,
            Sleeper afterSleep) {
        NovuClient client = new NovuClient(
                NovuClient.httpClient(timeout),
                URI.create(stub.baseUrl()),
                new Password(apiKey),
                timeout,
                userAgent,
                new NovuUrlPolicy(false, NovuUrlPolicy.HostResolver.SYSTEM),
                64 * 1024);
        // Sleeping advances the clock instead of the test taking the time.
        return new TriggerSender(
                client,
                json,
                backoff,
                maxRetries,
                retryBudget,
                delay -> {
                    sleeps.add(delay);
                    clock.advance(delay);
                    afterSleep.sleep(delay);
                },
                clock);
    }

    private static boolean delivered(Outcome outcome) {
        return outcome instanceof Outcome.Delivered;
    }

    private static Rejection rejection(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection();
    }

    private TriggerSender sender() {
        return sender(stub.apiKey(), 3, Duration.ofSeconds(5));
    }

    private Trigger trigger(long offset, String workflow) {
        String value = "{\"name\":\"" + workflow + "\",\"to\":{\"subscriberId\":\"u" + offset
                + "\",\"email\":\"u" + offset + "@example.test\"},\"payload\":{\"verificationLink\":\"https://v/"
                + offset + "\"}}";
        return triggers.from(new SinkRecord("email-verification", 0, null, null, null, value, offset));
    }

    private Trigger triggerWithTransactionId(long offset, String transactionId) throws Exception {
        String value = "{\"to\":\"u" + offset + "\",\"transactionId\":" + json.writeValueAsString(transactionId) + "}";
        return triggers.from(new SinkRecord("email-verification", 0, null, null, null, value, offset));
    }

    @Test
    void derivesAStableHeaderSafeIdempotencyKeyFromANonAsciiTransactionId() throws Exception {
        stub.failNext(Fault.unavailable());

        Outcome outcome = sender().send(List.of(triggerWithTransactionId(3, "tx-中")), deadline)
                .get(0);

        assertThat(delivered(outcome)).isTrue();
        assertThat(stub.acceptedTransactionIds()).containsExactly("tx-中");
        List<String> keys = stub.requests().stream()
                .map(request -> request.header("Idempotency-Key").orElseThrow())
                .toList();
        assertThat(keys).hasSize(2).containsOnly(TriggerRequests.idempotencyKey("tx-中"));
        assertThat(keys.get(0)).matches("[0-9a-f]{64}");
    }

    @Test
    void sendsTransactionIdsWithControlCharactersOrSpacesUnderADerivedKey() throws Exception {
        List<Trigger> batch = List.of(triggerWithTransactionId(1, "tx\nx"), triggerWithTransactionId(2, "tx x"));

        List<Outcome> outcomes = sender().send(batch, deadline);

        assertThat(outcomes).allMatch(TriggerSenderTest::delivered);
        assertThat(stub.acceptedTransactionIds()).containsExactly("tx\nx", "tx x");
    }

    @Test
    void usesPrintableAsciiTransactionIdsUpTo255CharactersAsTheKeyItself() {
        String longest = "t".repeat(255);

        assertThat(TriggerRequests.idempotencyKey("tx-1:a.b_c")).isEqualTo("tx-1:a.b_c");
        assertThat(TriggerRequests.idempotencyKey(longest)).isEqualTo(longest);
        assertThat(TriggerRequests.idempotencyKey(longest + "t")).matches("[0-9a-f]{64}");
        assertThat(TriggerRequests.idempotencyKey("tx-é")).matches("[0-9a-f]{64}");
    }

    @Test
    void rejectsTriggersWhoseRequestCannotBeBuiltWithoutCallingNovu() throws Exception {
        TriggerSender sender = sender(stub.apiKey(), 3, Duration.ofSeconds(5), "broken\nagent");

        List<Outcome> outcomes =
                sender.send(List.of(trigger(0, "email-verification"), trigger(1, "email-verification")), deadline);

        assertThat(outcomes).hasSize(2).allSatisfy(outcome -> {
            assertThat(delivered(outcome)).isFalse();
            assertThat(rejection(outcome).kind()).isEqualTo(Rejection.Kind.UNSENDABLE_RECORD);
            assertThat(rejection(outcome).status()).isNull();
            assertThat(rejection(outcome).reason())
                    .contains("no valid Novu request")
                    .contains("IllegalArgumentException");
        });
        assertThat(stub.requests()).isEmpty();
    }

    @Test
    void sendsSingleTriggerWithNovuHeaders() throws Exception {
        List<Outcome> outcomes = sender().send(List.of(trigger(5, "email-verification")), deadline);

        assertThat(outcomes)
                .singleElement()
                .satisfies(outcome -> assertThat(delivered(outcome)).isTrue());
        RecordedRequest request = stub.requests().get(0);
        assertThat(request.isTrigger()).isTrue();
        assertThat(request.header("Authorization")).contains("ApiKey test-secret-key");
        assertThat(request.header("Content-Type")).contains("application/json");
        assertThat(request.header("Idempotency-Key")).contains("email-verification-0-5");
        assertThat(request.header("User-Agent"))
                .hasValueSatisfying(agent -> assertThat(agent).startsWith("gopherpay-novu-sink-connector/"));
        assertThat(request.json())
                .isEqualTo(json.readTree("{\"name\":\"email-verification\",\"to\":{\"subscriberId\":\"u5\","
                        + "\"email\":\"u5@example.test\"},\"payload\":{\"verificationLink\":\"https://v/5\"},"
                        + "\"transactionId\":\"email-verification-0-5\"}"));
    }

    @Test
    void sendsBatchAsOneBulkRequestInOrder() throws Exception {
        List<Trigger> batch = IntStream.range(0, 3)
                .mapToObj(i -> trigger(i, "email-verification"))
                .toList();

        List<Outcome> outcomes = sender().send(batch, deadline);

        assertThat(outcomes).allMatch(TriggerSenderTest::delivered);
        assertThat(stub.requests()).singleElement().satisfies(request -> {
            assertThat(request.isBulkTrigger()).isTrue();
            assertThat(request.json().path("events")).hasSize(3);
            assertThat(request.header("Idempotency-Key"))
                    .hasValueSatisfying(key -> assertThat(key).startsWith("bulk-"));
        });
        assertThat(stub.acceptedTransactionIds())
                .containsExactly("email-verification-0-0", "email-verification-0-1", "email-verification-0-2");
    }

    @Test
    void rejectsOnlyTheFailedBulkElement() throws Exception {
        List<Trigger> batch = List.of(
                trigger(0, "email-verification"), trigger(1, "no-such-workflow"), trigger(2, "email-verification"));

        List<Outcome> outcomes = sender().send(batch, deadline);

        assertThat(outcomes).extracting(TriggerSenderTest::delivered).containsExactly(true, false, true);
        assertThat(rejection(outcomes.get(1)).kind()).isEqualTo(Rejection.Kind.NOVU_NOT_PROCESSED);
        assertThat(rejection(outcomes.get(1)).status()).isEqualTo(201);
        assertThat(rejection(outcomes.get(1)).reason()).isEqualTo("Novu answered status 'error': workflow_not_found");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void rejectsUnknownWorkflowWithNovuStatusAndMessage() throws Exception {
        List<Outcome> outcomes = sender().send(List.of(trigger(0, "no-such-workflow")), deadline);

        Outcome outcome = outcomes.get(0);
        assertThat(delivered(outcome)).isFalse();
        assertThat(rejection(outcome).kind()).isEqualTo(Rejection.Kind.NOVU_REJECTED);
        assertThat(rejection(outcome).status()).isEqualTo(422);
        assertThat(rejection(outcome).reason()).isEqualTo("HTTP 422 workflow_not_found");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void doesNotRetryPayloadValidationErrors() throws Exception {
        stub.failNext(Fault.payloadValidation());

        Outcome outcome = sender().send(List.of(trigger(0, "email-verification")), deadline)
                .get(0);

        assertThat(delivered(outcome)).isFalse();
        assertThat(rejection(outcome).status()).isEqualTo(400);
        // Novu's message quotes nothing of the record here, so it is kept.
        assertThat(rejection(outcome).reason())
                .isEqualTo(
                        "HTTP 400 Payload validation failed: payload must have required property 'verificationLink'");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void retriesRateLimitHonouringRetryAfterWithSameIdempotencyKey() throws Exception {
        stub.failNext(2, Fault.rateLimited(Duration.ofSeconds(2)));

        Outcome outcome = sender().send(List.of(trigger(9, "email-verification")), deadline)
                .get(0);

        assertThat(delivered(outcome)).isTrue();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
        assertThat(stub.requests()).extracting(RecordedRequest::status).containsExactly(429, 429, 201);
        assertThat(stub.requests())
                .extracting(request -> request.header("Idempotency-Key").orElseThrow())
                .containsOnly("email-verification-0-9");
        assertThat(stub.requests())
                .extracting(RecordedRequest::body)
                .containsOnly(stub.requests().get(0).body());
    }

    @Test
    void retriesServerErrorsWithExponentialBackoff() throws Exception {
        stub.failNext(Fault.internalError());
        stub.failNext(Fault.unavailable());
        stub.failNext(Fault.status(408));

        Outcome outcome = sender().send(List.of(trigger(1, "email-verification")), deadline)
                .get(0);

        assertThat(delivered(outcome)).isTrue();
        assertThat(sleeps).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(stub.acceptedEvents()).hasSize(1);
    }

    @Test
    void retriesIdempotencyConflict() throws Exception {
        stub.failNext(Fault.idempotencyInFlight());

        assertThat(delivered(sender().send(List.of(trigger(1, "email-verification")), deadline)
                        .get(0)))
                .isTrue();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void retriesTimeouts() throws Exception {
        // Far apart, so a slow CI machine cannot make the retry time out too or the first request beat the timeout.
        stub.failNext(Fault.delay(Duration.ofSeconds(10)));

        Outcome outcome = sender(stub.apiKey(), 3, Duration.ofSeconds(2))
                .send(List.of(trigger(1, "email-verification")), deadline)
                .get(0);

        assertThat(delivered(outcome)).isTrue();
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void givesUpAsRetriableAfterMaxRetries() {
        stub.failUntilRecovered(Fault.unavailable());

        assertThatThrownBy(() -> sender().send(List.of(trigger(1, "email-verification")), deadline))
                .isInstanceOf(NovuUnavailableException.class)
                .isInstanceOf(org.apache.kafka.connect.errors.RetriableException.class)
                .hasMessageContaining("after 4 attempts")
                .hasMessageContaining("503");
        assertThat(stub.requests()).hasSize(4);
    }

    @Test
    void failsOnRejectedApiKeyWithoutRevealingIt() {
        assertThatThrownBy(() -> sender("wrong-secret", 3, Duration.ofSeconds(5))
                        .send(List.of(trigger(1, "email-verification")), deadline))
                .isInstanceOf(NovuAuthenticationException.class)
                .hasMessageContaining("novu.api.key")
                .hasMessageContaining("401")
                .hasMessageNotContaining("wrong-secret");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void failsOnForbiddenWithoutRetrying() {
        stub.failNext(Fault.status(403));

        assertThatThrownBy(() -> sender().send(List.of(trigger(1, "email-verification")), deadline))
                .isInstanceOf(NovuAuthenticationException.class)
                .hasMessageContaining("403");
        assertThat(stub.requests()).hasSize(1);
    }

    @Test
    void failsOnWrongApiUrlInsteadOfRejectingRecords() {
        stub.failNext(Fault.status(404));

        assertThatThrownBy(() -> sender().send(List.of(trigger(1, "email-verification")), deadline))
                .isInstanceOf(NovuEndpointException.class)
                .hasMessageContaining("novu.api.url")
                .hasMessageContaining("404");
    }

    @Test
    void isolatesBadEventsWhenNovuRejectsWholeBulk() throws Exception {
        stub.failNext(Fault.status(422));
        List<Trigger> batch = List.of(trigger(0, "email-verification"), trigger(1, "no-such-workflow"));

        List<Outcome> outcomes = sender().send(batch, deadline);

        assertThat(outcomes).extracting(TriggerSenderTest::delivered).containsExactly(true, false);
        assertThat(stub.requests())
                .extracting(RecordedRequest::path)
                .containsExactly(StrictNovuStub.BULK_PATH, StrictNovuStub.TRIGGER_PATH, StrictNovuStub.TRIGGER_PATH);
    }

    @Test
    void handsBackWhenTheNextBackoffWouldOutlastTheDeadline() {
        stub.failUntilRecovered(Fault.unavailable());
        deadline = clock.instant().plus(Duration.ofSeconds(1));

        assertThatThrownBy(() -> sender(stub.apiKey(), 10, Duration.ofSeconds(5))
                        .send(List.of(trigger(1, "email-verification")), deadline))
                .isInstanceOfSatisfying(
                        DeadlineExceededException.class,
                        e -> assertThat(e.resumeAfter()).isEqualTo(Duration.ofMillis(800)))
                .isInstanceOf(org.apache.kafka.connect.errors.RetriableException.class)
                .hasMessageContaining("put.timeout.ms")
                .hasMessageContaining("503");
        // 50 + 100 + 200 + 400 ms fit into the second; the next 800 ms would not.
        assertThat(sleeps)
                .containsExactly(
                        Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(stub.requests()).hasSize(5);
    }

    @Test
    void sendsNothingOnceTheDeadlineHasPassed() {
        deadline = clock.instant();

        assertThatThrownBy(() -> sender().send(List.of(trigger(1, "email-verification")), deadline))
                .isInstanceOfSatisfying(
                        DeadlineExceededException.class,
                        e -> assertThat(e.resumeAfter()).isZero());
        assertThat(stub.requests()).isEmpty();
    }

    /** The shipped retry settings: 1 s initial backoff, 2 s cap, Retry-After up to 60 s, a 180 s budget. */
    private TriggerSender shippedSettings(Sleeper afterSleep) {
        return sender(
                stub.apiKey(),
                -1,
                Duration.ofSeconds(5),
                "gopherpay-novu-sink-connector/test",
                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(60), clock, () -> 0.5),
                Duration.ofSeconds(180),
                afterSleep);
    }

    @Test
    void ridesOutATwoMinuteOutageAndResumesWithinTwoSecondsOfNovuAnsweringLoggingItOnce() throws Exception {
        stub.failUntilRecovered(Fault.unavailable());
        Instant back = clock.instant().plus(Duration.ofMinutes(2));
        ListAppender<ILoggingEvent> logs = capture(Outage.class, TriggerSender.class);

        Outcome outcome = shippedSettings(delay -> {
                    if (!clock.instant().isBefore(back)) {
                        stub.recover();
                    }
                })
                .send(List.of(trigger(1, "email-verification")), deadline)
                .get(0);

        assertThat(delivered(outcome)).isTrue();
        assertThat(Duration.between(back, clock.instant())).isLessThanOrEqualTo(Duration.ofSeconds(2));
        assertThat(sleeps).allSatisfy(delay -> assertThat(delay).isLessThanOrEqualTo(Duration.ofSeconds(2)));
        int failed = stub.requests().size() - 1;
        assertThat(failed).isGreaterThan(50);
        assertThat(logs.list)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                .extracting(event -> event.getLevel() + " " + event.getFormattedMessage())
                .satisfiesExactly(
                        warn -> assertThat(warn).startsWith("WARN Novu is unavailable (HTTP 503"),
                        info -> assertThat(info)
                                .startsWith("INFO Novu answers again after 12")
                                .contains("(" + failed + " failed attempts"));
        assertThat(logs.list)
                .allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
    }

    @Test
    void honoursRetryAfterExactlyBeyondTheBackoffCapInSecondsAndAsAnHttpDate() throws Exception {
        String inTwelveSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
                clock.instant().plusSeconds(7 + 12).atZone(ZoneOffset.UTC));
        stub.failNext(Fault.rateLimited(Duration.ofSeconds(7)));
        stub.failNext(Fault.status(503).withHeader("Retry-After", inTwelveSeconds));
        stub.failNext(Fault.rateLimited(Duration.ofSeconds(3600)));

        Outcome outcome = shippedSettings(delay -> {})
                .send(List.of(trigger(1, "email-verification")), deadline)
                .get(0);

        assertThat(delivered(outcome)).isTrue();
        // No jitter added to what Novu asked for; an hour is capped at novu.retry.after.max.ms.
        assertThat(sleeps).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(12), Duration.ofSeconds(60));
    }

    @Test
    void handsTheBatchBackOnceTheRetryTimeBudgetIsUsedUp() {
        stub.failUntilRecovered(Fault.unavailable());

        assertThatThrownBy(() -> sender(
                                stub.apiKey(),
                                -1,
                                Duration.ofSeconds(5),
                                "test",
                                new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(2), clock, () -> 0.0),
                                Duration.ofSeconds(30),
                                delay -> {})
                        .send(List.of(trigger(1, "email-verification")), deadline))
                .isInstanceOf(NovuUnavailableException.class)
                .hasMessageContaining("unavailable for 30 s")
                .hasMessageContaining("novu.retry.max.duration.ms")
                .hasMessageContaining("503");
        assertThat(Duration.between(Instant.parse("2026-01-01T00:00:00Z"), clock.instant()))
                .isBetween(Duration.ofSeconds(30), Duration.ofSeconds(32));
    }

    @Test
    void theBudgetSpansPutsAndAWaitCutShortByTheDeadlineIsFinishedFirst() throws Exception {
        stub.failNext(Fault.rateLimited(Duration.ofSeconds(10)));
        TriggerSender sender = shippedSettings(delay -> {});

        assertThatThrownBy(() -> sender.send(
                        List.of(trigger(1, "email-verification")),
                        clock.instant().plusSeconds(5)))
                .isInstanceOfSatisfying(
                        DeadlineExceededException.class,
                        e -> assertThat(e.resumeAfter()).isEqualTo(Duration.ofSeconds(10)));
        clock.advance(Duration.ofSeconds(1)); // Connect redelivers a moment later

        assertThat(delivered(sender.send(List.of(trigger(1, "email-verification")), deadline)
                        .get(0)))
                .isTrue();
        // The rest of the 10 s Novu asked for, then one request.
        assertThat(sleeps).containsExactly(Duration.ofSeconds(9));
        assertThat(stub.requests()).extracting(RecordedRequest::status).containsExactly(429, 201);
    }

    private static ListAppender<ILoggingEvent> capture(Class<?>... loggers) {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        for (Class<?> type : loggers) {
            ch.qos.logback.classic.Logger logger = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(type);
            logger.setLevel(Level.DEBUG);
            logger.addAppender(appender);
        }
        return appender;
    }

    /** A clock that only moves when the sender sleeps. */
    private static final class SteppingClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
