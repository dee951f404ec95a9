package com.gopherpay.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.embedded.KafkaBroker;
import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.embedded.testing.TestKafka;
import com.gopherpay.identity.outbox.OutboxMessages;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kafka and PostgreSQL going away under a running service, with a broker and a database of its own (so the shared
 * ones stay up for the other tests), and with existing accounts hidden ({@code reveal-existing-accounts=false}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext // its broker is closed after the class: the cached context would keep retrying it for the whole run
class FailureModesIT {

    private static final String TOPIC = "email-verification";
    private static final KafkaBroker broker = TestKafka.startDedicated();
    private static final TestDatabase database = TestDatabases.create("identity_failures");

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Autowired
    OutboxMessages outboxMessages;

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::username);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
        registry.add("identity.kafka.bootstrap-servers", broker::bootstrapServers);
        registry.add("identity.kafka.delivery-timeout", () -> "10s");
        registry.add("identity.kafka.request-timeout", () -> "5s");
        registry.add("identity.kafka.max-block", () -> "2s");
        registry.add("identity.kafka.admin-timeout", () -> "2s");
        registry.add("identity.outbox.sweep-interval", () -> "500ms");
        registry.add("identity.registration.reveal-existing-accounts", () -> "false");
        registry.add("identity.http.unavailable-retry-after", () -> "7s");
        registry.add("server.forward-headers-strategy", () -> "native");
        registry.add("management.server.port", () -> "0");
        registry.add("identity.token.generate-ephemeral-key", () -> "true");
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void keepsRegisteringWhileKafkaIsDownAndPublishesEveryRecordOnceWhenItReturns() {
        Api api = new Api(port);
        String before = register(api, Api.uniqueEmail("before"));
        await().atMost(Duration.ofSeconds(30)).until(() -> records(before).size() == 1);

        List<String> during = new ArrayList<>();
        broker.stop();
        try {
            for (int i = 0; i < 5; i++) {
                during.add(register(api, Api.uniqueEmail("during")));
            }
            Api management = new Api(managementPort);
            await().atMost(Duration.ofSeconds(15))
                    .until(() -> management.get("/actuator/health").status() == 503);
            // Which dependency is down shows on the loopback management port only; the public probes say nothing.
            assertThat(management.get("/actuator/health").body()).contains("kafka");
            assertThat(api.get("/readyz").body()).doesNotContain("components", "kafka", "details");
            // Still ready: registrations go on into the outbox, so a load balancer must keep sending them here.
            assertThat(api.get("/readyz").status()).isEqualTo(200);
            assertThat(api.get("/actuator/health").status()).isEqualTo(404);
        } finally {
            broker.restart();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> outboxSize() == 0);
        for (String userId : during) {
            List<ConsumerRecord<String, String>> records = records(userId);
            assertThat(records).as("records for %s", userId).hasSize(1);
            assertThat(TopicReader.header(records.get(0), "event-type")).isEqualTo("UserRegistered");
        }
        assertThat(records(before)).hasSize(1);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> new Api(managementPort).get("/actuator/health").status() == 200);
    }

    @Test
    void answersServiceUnavailableWithoutWritingAnythingWhileTheDatabaseIsDown() throws Exception {
        Api api = new Api(port);
        String email = Api.uniqueEmail("dbdown");
        Api.Response response;
        setConnectionsAllowed(false);
        try {
            response = api.post("/auth/register", Api.registration(email));
        } finally {
            setConnectionsAllowed(true);
        }

        assertThat(response.status()).as(response.body()).isEqualTo(503);
        assertThat(response.header("Retry-After")).isEqualTo("7");
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("code").asString()).isEqualTo("service-unavailable");
        assertThat(response.body()).doesNotContain("SQL").doesNotContain("Exception");

        await().atMost(Duration.ofSeconds(15))
                .until(() -> api.post("/auth/register", Api.registration(Api.uniqueEmail("after")))
                                .status()
                        == 201);
        assertThat(jdbc.sql("SELECT count(*) FROM identity.users WHERE email_canonical = ?")
                        .param(email.toLowerCase())
                        .query(Integer.class)
                        .single())
                .isZero();
    }

    @Test
    void answersAHiddenDuplicateExactlyLikeANewAccountAndHashesForBoth() {
        Api api = new Api(port);
        String taken = Api.uniqueEmail("hidden");
        String fresh = Api.uniqueEmail("hidden"); // same length, so even Content-Length must match
        assertThat(api.post("/auth/register", Api.registration(taken)).status()).isEqualTo(201);
        String ownerId = userIdOf(taken);
        await().atMost(Duration.ofSeconds(30)).until(() -> records(ownerId).size() == 1);
        Timer hashes = meters.get("identity.password.hash").timer();

        long hashesBefore = hashes.count();
        Instant before = Instant.now();
        Api.Response created = api.post("/auth/register", Api.registration(fresh));
        long hashesAfterNew = hashes.count();
        Api.Response duplicate = api.post("/auth/register", Api.registration(taken.toUpperCase()));
        Instant after = Instant.now();
        long hashesAfterDuplicate = hashes.count();

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(duplicate.status()).as(duplicate.body()).isEqualTo(201);
        assertThat(hashesAfterNew - hashesBefore).as("hash for the new account").isEqualTo(1);
        assertThat(hashesAfterDuplicate - hashesAfterNew)
                .as("hash for the duplicate")
                .isEqualTo(1);
        assertThat(headersWithoutDate(duplicate)).isEqualTo(headersWithoutDate(created));
        assertThat(duplicate.header("Location")).isNull();
        JsonNode createdBody = created.json();
        JsonNode duplicateBody = duplicate.json();
        assertThat(fieldNames(duplicateBody)).isEqualTo(fieldNames(createdBody));
        for (JsonNode body : List.of(createdBody, duplicateBody)) {
            // Nothing derived from a stored account or finer than the clock's second: no id, no createdAt.
            assertThat(fieldNames(body)).doesNotContain("id", "createdAt");
            assertThat(body.toString()).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-");
            Instant expiresAt = Instant.parse(body.get("expiresAt").asString());
            assertThat(expiresAt.getNano()).isZero();
            assertThat(expiresAt)
                    .isBetween(
                            before.plus(Duration.ofMinutes(60)).minusSeconds(1),
                            after.plus(Duration.ofMinutes(60)).plusSeconds(1));
        }
        assertThat(withoutEmailAndExpiry(duplicateBody)).isEqualTo(withoutEmailAndExpiry(createdBody));
        assertThat(duplicateBody.get("email").asString())
                .isEqualTo(taken.toUpperCase().replace("EXAMPLE.COM", "example.com"));
    }

    @Test
    void hidesExistingAccountsAndSendsTheOwnerANoticeInstead() {
        Api api = new Api(port);
        String email = Api.uniqueEmail("notice");
        assertThat(api.post("/auth/register", Api.registration(email)).status()).isEqualTo(201);
        String ownerId = userIdOf(email);
        await().atMost(Duration.ofSeconds(30)).until(() -> records(ownerId).size() == 1);

        Api.Response duplicate = api.post("/auth/register", Api.registration(email.toUpperCase()));
        Api.Response again = api.post("/auth/register", Api.registration(email));

        assertThat(duplicate.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(duplicate.json().get("status").asString()).isEqualTo("PENDING_VERIFICATION");

        await().atMost(Duration.ofSeconds(30)).until(() -> records(ownerId).size() >= 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxSize() == 0);
        List<ConsumerRecord<String, String>> records = records(ownerId);
        assertThat(records).hasSize(2); // the second duplicate falls inside the notice cooldown
        ConsumerRecord<String, String> notice = records.get(1);
        assertThat(TopicReader.header(notice, "event-type")).isEqualTo("AccountExistsNoticeRequested");
        JsonNode value = Api.JSON.readTree(notice.value());
        assertThat(value.get("name").asString()).isEqualTo("account-exists");
        assertThat(value.get("to").get("subscriberId").asString()).isEqualTo(ownerId);
        // Pages under the default public base URL: sign in, or ask for a password-reset email.
        assertThat(value.get("payload").get("loginLink").asString()).isEqualTo("http://127.0.0.1:8080/login");
        assertThat(value.get("payload").get("resetLink").asString()).isEqualTo("http://127.0.0.1:8080/forgot-password");
        assertThat(value.get("transactionId").asString()).isEqualTo(TopicReader.header(notice, "event-id"));
        assertThat(jdbc.sql("SELECT count(*) FROM identity.users WHERE email_canonical = ?")
                        .param(email.toLowerCase())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // One counter outcome for both, so the metrics do not tell duplicates from new accounts either.
        assertThat(meters.find("identity.registrations")
                        .tag("outcome", "duplicate_hidden")
                        .counter())
                .isNull();
        assertThat(meters.get("identity.registrations")
                        .tag("outcome", "accepted")
                        .counter()
                        .count())
                .isGreaterThanOrEqualTo(3);
    }

    private static Map<String, List<String>> headersWithoutDate(Api.Response response) {
        Map<String, List<String>> headers =
                new TreeMap<>(response.raw().headers().map());
        headers.remove("date");
        return headers;
    }

    private static JsonNode withoutEmailAndExpiry(JsonNode body) {
        ObjectNode copy = (ObjectNode) body.deepCopy();
        copy.remove("email");
        copy.remove("expiresAt");
        return copy;
    }

    private String userIdOf(String email) {
        return jdbc.sql("SELECT id::text FROM identity.users WHERE email_canonical = ?")
                .param(email.toLowerCase())
                .query(String.class)
                .single();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    private String register(Api api, String email) {
        Api.Response response = api.post("/auth/register", Api.registration(email));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return userIdOf(email);
    }

    private static List<ConsumerRecord<String, String>> records(String userId) {
        return TopicReader.read(broker.bootstrapServers(), TOPIC, record -> userId.equals(record.key()));
    }

    private long outboxSize() {
        OutboxMessages.Summary outbox = outboxMessages.summary();
        return outbox.pending() + outbox.failed();
    }

    /** Takes the service's database away the way an outage does: refuse new sessions and end the existing ones. */
    private static void setConnectionsAllowed(boolean allowed) throws SQLException {
        String url = database.jdbcUrl();
        String name = url.substring(url.lastIndexOf('/') + 1);
        String adminUrl = url.substring(0, url.lastIndexOf('/') + 1) + "postgres";
        try (Connection connection = DriverManager.getConnection(adminUrl, database.username(), database.password());
                Statement statement = connection.createStatement()) {
            statement.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS " + allowed);
            if (!allowed) {
                statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name
                        + "' AND pid <> pg_backend_pid()");
            }
        }
    }
}
