package com.gopherpay.identity.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.embedded.testing.TestKafka;
import com.gopherpay.identity.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One relay's rounds against a database of its own (so the service's relay in the shared test context cannot take the
 * rows) and the real broker: draining a backlog, giving up a batch when Kafka is unreachable, flushing at shutdown.
 */
class OutboxRelayRoundsIT {

    private static final int BATCH = 25;
    private static final String TOPIC = "relay-rounds-" + UUID.randomUUID();

    private static JdbcClient jdbc;
    private static TransactionTemplate transactions;
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
        insert(BATCH * 2 + 10);
        try (Producer<String, byte[]> producer = producer(TestKafka.shared().bootstrapServers())) {
            int published = relay(producer, Duration.ofHours(1)).sweep();

            assertThat(published).isEqualTo(BATCH * 2 + 10);
            assertThat(remaining()).isZero();
        }
    }

    @Test
    void stopsSendingABatchOnceKafkaCannotBeReached() {
        insert(5);
        // The topic exists (the admin reaches the broker), but this producer finds no broker at all.
        String nowhere = "127.0.0.1:" + FreePorts.next();
        try (Producer<String, byte[]> producer = producer(nowhere)) {
            int published = relay(producer, Duration.ofHours(1)).sweep();

            assertThat(published).isZero();
            assertThat(remaining()).isEqualTo(5);
            assertThat(jdbc.sql("SELECT attempts FROM outbox ORDER BY created_at")
                            .query(Integer.class)
                            .list())
                    .containsExactly(1, 0, 0, 0, 0);
        }
    }

    @Test
    void publishesWhatIsQueuedBeforeItStops() {
        try (Producer<String, byte[]> producer = producer(TestKafka.shared().bootstrapServers())) {
            OutboxRelay relay = relay(producer, Duration.ofHours(1));
            relay.start();
            List<UUID> ids = insert(BATCH * 8);
            ids.forEach(relay::publishSoon);

            relay.stop();

            assertThat(remaining()).isZero();
            assertThat(relay.isRunning()).isFalse();
        }
    }

    @Test
    void stopsOnlyAfterTheWebServerHasFinishedItsRequests() {
        try (Producer<String, byte[]> producer = producer(TestKafka.shared().bootstrapServers())) {
            assertThat(relay(producer, Duration.ofHours(1)).getPhase())
                    .isLessThan(WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE)
                    .isGreaterThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
        }
    }

    private static List<UUID> insert(int rows) {
        List<UUID> ids = new ArrayList<>();
        OffsetDateTime start = OffsetDateTime.now();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < rows; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                jdbc.sql("INSERT INTO outbox (id, topic, record_key, event_type, payload, created_at)"
                                + " VALUES (?, ?, 'rounds', 'RelayTest', ?, ?)")
                        .params(id, TOPIC, "{\"n\":" + i + "}", start.plusNanos(i * 1000L))
                        .update();
            }
        });
        return ids;
    }

    private static int remaining() {
        return jdbc.sql("SELECT count(*) FROM outbox").query(Integer.class).single();
    }

    private static OutboxRelay relay(Producer<String, byte[]> producer, Duration sweepInterval) {
        KafkaProperties kafka = kafka(TestKafka.shared().bootstrapServers());
        return new OutboxRelay(
                jdbc,
                transactions,
                producer,
                new NotificationTopic(admin, kafka, Duration.ofHours(1)),
                new OutboxProperties(sweepInterval, BATCH, 1000, Duration.ofSeconds(30), Duration.ofSeconds(30)),
                kafka,
                new OutboxMetrics(new SimpleMeterRegistry(), new MutableClock()));
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
                Map.of());
    }
}
