package com.gopherpay.identity;

import static org.awaitility.Awaitility.await;

import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.embedded.testing.TestKafka;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Base of the integration tests that share one running service: a real PostgreSQL database and the JVM's shared
 * in-process Kafka broker. Every subclass has the same configuration, so Spring starts the service once.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(IdentityServiceTestBase.TestClock.class)
// Races of 32 registrations on a shared 2-core machine: waiting for a hashing slot is what they test, not the bound on
// that wait (HashQueueIT tests that, overriding these in a context of its own).
@TestPropertySource(properties = {"identity.password.max-queue-wait=60s", "identity.password.max-queued-hashes=64"})
public abstract class IdentityServiceTestBase {

    public static final String TOPIC = "email-verification";
    public static final String PUBLIC_BASE_URL = "https://id.gopherpay.test";

    private static TestDatabase database;

    @LocalServerPort
    protected int port;

    /** Actuator's own port (loopback only): metrics and health details are not on {@link #port}. */
    @LocalManagementPort
    protected int managementPort;

    @Autowired
    protected JdbcClient jdbc;

    @Autowired
    protected MutableClock clock;

    protected Api api() {
        return new Api(port);
    }

    /** Registers a fresh account (with {@link Api#PASSWORD}) and returns its id. */
    protected String register(String email) {
        Api.Response response = api().post("/auth/register", Api.registration(email));
        if (response.status() != 201) {
            throw new AssertionError("Registration failed: " + response.status() + " " + response.body());
        }
        return userIdOf(email);
    }

    /** The id of the account with this address: the 201 does not carry it (it would tell hidden duplicates apart). */
    protected String userIdOf(String email) {
        return jdbc.sql("SELECT id::text FROM identity.users WHERE email_canonical = ?")
                .param(email.strip().toLowerCase(java.util.Locale.ROOT))
                .query(String.class)
                .single();
    }

    /** The verification records published for a user so far, oldest first. */
    protected static List<ConsumerRecord<String, String>> recordsFor(String userId) {
        return TopicReader.read(bootstrapServers(), TOPIC, record -> userId.equals(record.key()));
    }

    /** Waits for the user's {@code n}th verification record and returns the raw token from its link. */
    protected static String awaitToken(String userId, int n) {
        List<ConsumerRecord<String, String>> records =
                await().atMost(Duration.ofSeconds(30)).until(() -> recordsFor(userId), list -> list.size() >= n);
        String link = Api.JSON
                .readTree(records.get(n - 1).value())
                .get("payload")
                .get("verificationLink")
                .asString();
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    protected static String bootstrapServers() {
        return TestKafka.shared().bootstrapServers();
    }

    private static synchronized TestDatabase database() {
        if (database == null) {
            database = TestDatabases.create("identity_it");
        }
        return database;
    }

    @DynamicPropertySource
    static void infrastructure(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> database().jdbcUrl());
        registry.add("spring.datasource.username", () -> database().username());
        registry.add("spring.datasource.password", () -> database().password());
        registry.add("identity.kafka.bootstrap-servers", IdentityServiceTestBase::bootstrapServers);
        registry.add("identity.public-base-url", () -> PUBLIC_BASE_URL);
        registry.add("identity.outbox.sweep-interval", () -> "500ms");
        // A record Kafka refuses is given up after a second try, soon after the first (see OutboxFailedIT).
        registry.add("identity.outbox.max-attempts", () -> "2");
        registry.add("identity.outbox.retry-backoff", () -> "200ms");
        // Each test request names its own client address (X-Forwarded-For from loopback), see Api.
        registry.add("server.forward-headers-strategy", () -> "native");
        // No refill during a test run, so the rate-limit test does not depend on how fast requests go.
        registry.add("identity.rate-limit.period", () -> "1h");
        registry.add("management.server.port", () -> "0");
        // A key generated per start: the tests verify tokens against the JWK set, not a fixed key.
        registry.add("identity.token.generate-ephemeral-key", () -> "true");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestClock {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }
}
