package com.gopherpay.identity.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.embedded.testing.TestKafka;
import com.gopherpay.identity.MutableClock;
import com.gopherpay.identity.TopicReader;
import com.gopherpay.identity.kafka.KafkaClients;
import com.gopherpay.identity.kafka.KafkaProperties;
import com.gopherpay.identity.kafka.NotificationTopic;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.config.TopicConfig;
import org.awaitility.Awaitility;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One relay's rounds against a database of its own (so the service's relay in the shared test context cannot take the
 * rows) and the real broker: draining a backlog, giving up a batch when Kafka is unreachable, giving up a record Kafka
 * refuses for good without giving up the round, flushing at shutdown.
 */
class OutboxRelayRoundsIT {

    private static final int BATCH = 25;
    private static final String TOPIC = "relay-rounds-" + UUID.randomUUID();

    private static JdbcClient jdbc;
    private static TransactionTemplate transactions;
    private static OutboxMessages messages;
    private static Admin admin;

    @BeforeAll
    static void database() {
        TestDatabase database = TestDatabases.create("outbox_rounds");
        DriverManagerDataSource dataSource =
                new DriverManagerDataSource(database.jdbcUrl(), database.username(), database.password());
        Properties schema = new Properties();
        schema.setProperty("currentSchema", "identity");
        dataSource.setConnectionProperties(schema);
        Flyway.configure()
                .dataSource(dataSource)
                .schemas("identity")
                .defaultSchema("identity")
                .load()
                .migrate();
        jdbc = JdbcClient.create(dataSource);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        messages = new OutboxMessages(
                jdbc, tools.jackson.databind.json.JsonMapper.builder().build());
        admin = new KafkaClients().kafkaAdmin(kafka(TestKafka.shared().bootstrapServers()));
    }

    @AfterAll
    static void close() {
        admin.close(Duration.ofSeconds(5));
    }

    @BeforeEach
    void emptyOutbox() {
        jdbc.sql("DELETE FROM outbox").update();
    }

    @Test
    void oneSweepDrainsABacklogLargerThanABatch() {
        insert(TOPIC, BATCH * 2 + 10);
        try (Producer<String, byte[]> producer = producer(TestKafka.shared().bootstrapServers())) {
            int published = new Relay(producer, 5).sweeper.sweep();

            assertThat(published).isEqualTo(BATCH * 2 + 10);
            assertThat(messages.summary().pending()).isZero();
        }
    }

    @Test
    void stopsSendingABatchOnceKafkaCannotBeReached() {
        List<UUID> ids = insert(TOPIC, 5);
        // The topic exists (the admin reaches the broker), but this producer finds no broker at all.
        String nowhere = "127.0.0.1:" + FreePorts.next();
        try (Producer<String, byte[]> producer = producer(nowhere)) {
            int published = new Relay(producer, 1).sweeper.sweep();

            assertThat(published).isZero();
            assertThat(messages.summary().pending()).isEqualTo(5);
            // Kafka being away is no refusal: even with one attempt allowed, nothing fails for good.
            assertThat(messages.summary().failed()).isZero();
            assertThat(ids.stream().map(id -> messages.state(id).orElseThrow().attempts()))
                    .containsExactly(1, 0, 0, 0, 0);
            assertThat(messages.state(ids.get(0)).orElseThrow().lastError())
                    .startsWith("org.apache.kafka.common.errors.TimeoutException");
        }
    }

    @Test
    void aRecordKafkaRefusesFailsWhileTheSweepPublishesEverythingBehindIt() throws Exception {
        // A topic that takes records of at most 2 KiB: the first row is refused for good, the others fit.
        String small = "refusing-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(small, 1, (short) 1)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2048"))))
                .all()
                .get();
        String secret = "https://id.gopherpay.test/verify-email?token=" + "s".repeat(4000);
        UUID tooLarge = UUID.randomUUID();
        Instant start = Instant.now();
        transactions.executeWithoutResult(status -> messages.insert(
                new OutboxRecord(tooLarge, small, "rounds", "RelayTest", "{\"link\":\"" + secret + "\"}"),
                null,
                start.minusSeconds(1)));
        List<UUID> behind = insert(small, BATCH * 2 + 10);

        try (Producer<String, byte[]> producer = producer(TestKafka.shared().bootstrapServers())) {
            Relay relay = new Relay(producer, 1);
            int published = relay.sweeper.sweep();

            // The refused row took a place in the first batch, yet the round went on through the next two.
            assertThat(published).isEqualTo(BATCH * 2 + 10);
            OutboxMessages.MessageState state = messages.state(tooLarge).orElseThrow();
            assertThat(state.status()).isEqualTo("FAILED");
            assertThat(state.attempts()).isEqualTo(1);
            assertThat(state.lastError())
                    .startsWith("org.apache.kafka.common.errors.RecordTooLargeException")
                    .doesNotContain("sss")
                    .doesNotContain("token");
            assertThat(relay.meters.get("identity.outbox.failed").counter().count())
                    .isEqualTo(1);
            assertThat(relay.meters.get("identity.outbox.failed.rows").gauge().value())
                    .isEqualTo(1);
            assertThat(relay.meters.get("identity.outbox.backlog").gauge().value())
                    .isZero();

            Health health = new OutboxHealthIndicator(messages).health(true);
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("pending", 0L).containsEntry("failed", 1L);
            assertThat(health.getDetails().get("latestFailures"))
                    .asList()
                    .singleElement()
                    .satisfies(failure -> {
                        OutboxMessages.FailedMessage failed = (OutboxMessages.FailedMessage) failure;
                        assertThat(failed.id()).isEqualTo(tooLarge);
                        assertThat(failed.attempts()).isEqualTo(1);
                        assertThat(failed.lastError()).isEqualTo(state.lastError());
                    });

            // A FAILED row is not tried again: the next sweep publishes nothing and leaves it as it is.
            assertThat(relay.sweeper.sweep()).isZero();
            assertThat(messages.state(tooLarge).orElseThrow().attempts()).isEqualTo(1);
        }
        assertThat(TopicReader.read(TestKafka.shared().bootstrapServers(), small, record -> true).stream()
                        .map(record -> UUID.fromString(TopicReader.header(record, "event-id"))))
                .containsExactlyInAnyOrderElementsOf(behind);
    }

    @Test
    void aRoundKafkaDoesNotAcknowledgeLogsAndCountsItsCause() {
        // (A cluster short of in-sync replicas answers NotEnoughReplicasException; Kafka 4 caps min.insync.replicas at
        // the replica count, so one broker cannot show that. Grouping by cause is FailureCausesTest's.)
        insert(TOPIC, 3);
        Logger logger = (Logger) LoggerFactory.getLogger(OutboxPublisher.class);
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        logs.start();
        logger.addAppender(logs);
        try (Producer<String, byte[]> producer = producer("127.0.0.1:" + FreePorts.next())) {
            Relay relay = new Relay(producer, 5);

            assertThat(relay.sweeper.sweep()).isZero();

            assertThat(relay.meters
                            .get("identity.outbox.publish.failures")
                            .tag("cause", "TimeoutException")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(relay.meters
                            .get("identity.outbox.publish.failures")
                            .tag("cause", "NotEnoughReplicasException")
                            .counter()
                            .count())
                    .isZero();
            assertThat(logs.list)
                    .filteredOn(event -> event.getLevel() == Level.WARN)
                    .map(ILoggingEvent::getFormattedMessage)
                    .contains("Kafka cannot be reached (org.apache.kafka.common.errors.TimeoutException: Topic " + TOPIC
                            + " not present in metadata after 300 ms.); 2 outbox records wait for the next sweep")
                    .anySatisfy(line -> assertThat(line)
                            .startsWith("Kafka did not acknowledge 1 of 1 outbox records: 1 TimeoutException"
                                    + " (org.apache.kafka.common.errors.TimeoutException: "));
        } finally {
            logger.detachAppender(logs);
        }
    }

    @Test
    void aRefusedRecordIsTriedAgainOnlyAfterItsBackoff() throws Exception {
        String small = "refusing-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(small, 1, (short) 1)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2048"))))
                .all()
                .get();
        UUID tooLarge = UUID.randomUUID();
        transactions.executeWithoutResult(status -> messages.insert(
                new OutboxRecord(tooLarge, small, "rounds", "RelayTest", "\"" + "x".repeat(4000) + "\""),
                null,
                Instant.now()));

        try (Producer<String, byte[]> producer = producer(TestKafka.shared().bootstrapServers())) {
            Relay relay = new Relay(producer, 3, Duration.ofHours(1));
            relay.sweeper.sweep();
            relay.sweeper.sweep();

            // Refused once, then left alone for its backoff (an hour here): still pending, one attempt.
            OutboxMessages.MessageState state = messages.state(tooLarge).orElseThrow();
            assertThat(state.status()).isEqualTo("PENDING");
            assertThat(state.attempts()).isEqualTo(1);
            assertThat(relay.meters.get("identity.outbox.failed").counter().count())
                    .isZero();
        }
    }

    @Test
    void publishesWhatIsQueuedBeforeItStops() {
        try (Producer<String, byte[]> producer = producer(TestKafka.shared().bootstrapServers())) {
            Relay relay = new Relay(producer, 5);
            relay.lifecycle.start();
            List<UUID> ids = insert(TOPIC, BATCH * 8);
            ids.forEach(relay.afterCommit::publishSoon);

            relay.lifecycle.stop();

            assertThat(messages.summary().pending()).isZero();
            assertThat(relay.lifecycle.isRunning()).isFalse();
        }
    }

    @Test
    void recordsCommittedWithinTheLingerShareOneRelayTransaction() {
        try (Producer<String, byte[]> producer = producer(TestKafka.shared().bootstrapServers())) {
            // A linger far longer than the test: only a full batch (3) can end the wait.
            Relay relay = new Relay(producer, 5, Duration.ofMillis(100), 3, Duration.ofMinutes(5));
            relay.lifecycle.start();
            List<UUID> ids = insert(TOPIC, 3);

            ids.forEach(relay.afterCommit::publishSoon);

            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> messages.summary().pending() == 0);
            DistributionSummary batches =
                    relay.meters.get("identity.outbox.batch.size").summary();
            assertThat(batches.count()).as("relay transactions").isEqualTo(1);
            assertThat(batches.max()).isEqualTo(3);
            relay.lifecycle.stop();
        }
    }

    @Test
    void stoppingEndsTheLingerAndPublishesWhatWaited() {
        try (Producer<String, byte[]> producer = producer(TestKafka.shared().bootstrapServers())) {
            Relay relay = new Relay(producer, 5, Duration.ofMillis(100), 3, Duration.ofMinutes(5));
            relay.lifecycle.start();
            UUID waiting = insert(TOPIC, 1).get(0);
            relay.afterCommit.publishSoon(waiting);

            relay.lifecycle.stop();

            assertThat(messages.state(waiting)).as("published and deleted").isEmpty();
            assertThat(relay.lifecycle.isRunning()).isFalse();
        }
    }

    @Test
    void stopsOnlyAfterTheWebServerHasFinishedItsRequests() {
        try (Producer<String, byte[]> producer = producer(TestKafka.shared().bootstrapServers())) {
            assertThat(new Relay(producer, 5).lifecycle.getPhase())
                    .isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
                    .isGreaterThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
        }
    }

    private static List<UUID> insert(String topic, int rows) {
        List<UUID> ids = new ArrayList<>();
        Instant start = Instant.now();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < rows; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                messages.insert(
                        new OutboxRecord(id, topic, "rounds", "RelayTest", "{\"n\":" + i + "}"),
                        null,
                        start.plusNanos(i * 1000L));
            }
        });
        return ids;
    }

    /** The relay's parts, wired as the application wires them, with a sweep interval that never fires by itself. */
    private static final class Relay {
        final SimpleMeterRegistry meters = new SimpleMeterRegistry();
        final AfterCommitPublisher afterCommit;
        final OutboxSweeper sweeper;
        final ShutdownFlush lifecycle;

        Relay(Producer<String, byte[]> producer, int maxAttempts) {
            this(producer, maxAttempts, Duration.ofMillis(100));
        }

        Relay(Producer<String, byte[]> producer, int maxAttempts, Duration retryBackoff) {
            this(producer, maxAttempts, retryBackoff, BATCH, Duration.ofMillis(10));
        }

        Relay(Producer<String, byte[]> producer, int maxAttempts, Duration retryBackoff, int batch, Duration linger) {
            KafkaProperties kafka = kafka(TestKafka.shared().bootstrapServers());
            OutboxProperties properties = new OutboxProperties(
                    Duration.ofHours(1),
                    batch,
                    1000,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(30),
                    maxAttempts,
                    retryBackoff,
                    linger);
            OutboxPublisher publisher = new OutboxPublisher(
                    messages,
                    transactions,
                    producer,
                    List.of(new NotificationTopic(admin, kafka, Duration.ofHours(1))),
                    properties,
                    kafka,
                    new OutboxMetrics(meters, new MutableClock()));
            afterCommit = new AfterCommitPublisher(publisher, properties);
            sweeper = new OutboxSweeper(publisher, messages, properties);
            lifecycle = new ShutdownFlush(afterCommit, sweeper, properties);
        }
    }

    private static Producer<String, byte[]> producer(String bootstrapServers) {
        return new KafkaClients().outboxProducer(kafka(bootstrapServers));
    }

    private static KafkaProperties kafka(String bootstrapServers) {
        return new KafkaProperties(
                bootstrapServers,
                TOPIC,
                1,
                (short) -1,
                Duration.ofHours(1),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofMillis(300),
                Duration.ofSeconds(5),
                Map.of(),
                null,
                Map.of(),
                "");
    }
}
