package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.TriggerBodies;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Accepted messages wait out an SMTP outage and are delivered once the server is back: the outage is detected and
 * reported once (one WARN, the {@code smtp} health component, metrics), no message spends an attempt on it, and when
 * the server answers again the backlog goes out at once. A transient failure of one message waits 5 to 10 minutes
 * here, so a message delivered within the test's bounds was not waiting for its own retry.
 */
class SmtpOutageIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Mailbox mailbox;
    private static RunningService service;
    private static String server;

    @BeforeAll
    static void startWithoutSmtp() {
        mailbox = new Mailbox(FreePorts.next());
        server = "127.0.0.1:" + mailbox.port();
        service = RunningService.start(
                TestDatabases.create("notification_outage"),
                mailbox.port(),
                "--notification.delivery.initial-backoff=10m",
                "--notification.delivery.max-backoff=10m");
    }

    @AfterAll
    static void stop() {
        service.close();
        mailbox.close();
    }

    @AfterEach
    void smtpBack() {
        mailbox.stop();
        mailbox.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> "UP".equals(smtpHealth().path("status").asString()));
    }

    @Test
    void deliversMessagesQueuedWhileSmtpWasDownAfterItComesBack() {
        mailbox.stop();
        String email = "outage-" + UUID.randomUUID() + "@example.test";
        String transactionId = UUID.randomUUID().toString();

        assertThat(service.post("/v1/events/trigger", trigger(transactionId, email))
                        .statusCode())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> lastError(transactionId) != null);
        assertThat(service.messageStatus(transactionId)).isEqualTo("queued");
        assertThat(lastError(transactionId)).contains("SMTP server unreachable");
        // The failed connection is the server's outage, not an attempt of the message.
        assertThat(attempts(transactionId)).isZero();

        mailbox.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to(email).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> "sent".equals(service.messageStatus(transactionId)));
        assertThat(Mailbox.part(mailbox.to(email).get(0), "text/plain")).contains("verify-email?token=outage");
        assertThat(attempts(transactionId)).isEqualTo(1);
    }

    @Test
    void deliversAfterSmtpServerIsStoppedAndRestartedOnTheSamePort() {
        mailbox.stop();
        mailbox.start();
        mailbox.stop();
        String email = "restart-smtp-" + UUID.randomUUID() + "@example.test";
        String transactionId = UUID.randomUUID().toString();

        service.post("/v1/events/trigger", trigger(transactionId, email));
        await().atMost(Duration.ofSeconds(20)).until(() -> lastError(transactionId) != null);
        mailbox.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to(email).size() == 1);
    }

    @Test
    void reportsTheOutageOnceAndSendsTheWholeBacklogWhenSmtpAnswersAgain() {
        ListAppender<ILoggingEvent> logs = new ListAppender<>();
        Logger delivery = (Logger) LoggerFactory.getLogger("com.gopherpay.notification.delivery");
        logs.start();
        delivery.addAppender(logs);
        try {
            double outagesBefore = metric("notification_smtp_outages_total");
            mailbox.stop();

            // 80 messages run into the outage (two batches of 50 at most, on the two delivery threads), 70 more are
            // accepted while it lasts.
            List<String> first = triggerBulk("first", 80);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> "DOWN".equals(smtpHealth().path("status").asString()));
            List<String> during = triggerBulk("during", 70);
            // Probes keep failing (and say nothing at INFO or above) while the server is away.
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            smtpHealth().path("details").path("failedProbes").asInt() >= 2);

            JsonNode health = smtpHealth();
            assertThat(health.path("details").path("since").asString()).isNotBlank();
            assertThat(health.path("details").path("lastError").asString())
                    .startsWith("SMTP server unreachable")
                    .doesNotContain("@");
            assertThat(metric("notification_smtp_up")).isZero();
            assertThat(metric("notification_smtp_outages_total")).isEqualTo(outagesBefore + 1);
            // The API keeps accepting (and readiness stays UP): the queue is the database.
            assertThat(RunningService.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + "/readyz"))
                                    .build())
                            .statusCode())
                    .isEqualTo(200);
            assertThat(maxAttempts()).isZero();

            mailbox.start();

            List<String> all = new ArrayList<>(first);
            all.addAll(during);
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() -> assertThat(all)
                            .allSatisfy(email -> assertThat(mailbox.to(email)).hasSize(1)));
            await().atMost(Duration.ofSeconds(10)).until(() -> count(all, "status = 'sent'") == all.size());
            // Each went out on its first attempt: none spent one on the outage or waited for its own retry.
            assertThat(count(all, "status = 'sent' AND attempts = 1")).isEqualTo(all.size());
            assertThat(metric("notification_smtp_up")).isEqualTo(1);

            List<ILoggingEvent> warnings = logs.list.stream()
                    .filter(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                    .filter(event -> event.getFormattedMessage().contains(server))
                    .toList();
            assertThat(warnings).hasSize(1);
            assertThat(warnings.get(0).getFormattedMessage())
                    .contains("unavailable")
                    .contains("SMTP server unreachable")
                    .doesNotContain("@");
            assertThat(logs.list.stream()
                            .filter(event -> event.getLevel() == Level.INFO)
                            .filter(event -> event.getFormattedMessage().contains(server))
                            .filter(event -> event.getFormattedMessage().contains("answers again")))
                    .hasSize(1);
            // No line per message: no delivery log line at INFO or above names any of them.
            List<String> lines = logs.list.stream()
                    .filter(event -> event.getLevel().isGreaterOrEqual(Level.INFO))
                    .map(ILoggingEvent::getFormattedMessage)
                    .toList();
            assertThat(lines).noneMatch(line -> line.startsWith("Message "));
            assertThat(lines).allSatisfy(line -> assertThat(all).noneMatch(line::contains));
        } finally {
            delivery.detachAppender(logs);
        }
    }

    private static List<String> triggerBulk(String prefix, int count) {
        List<String> emails = IntStream.range(0, count)
                .mapToObj(i -> prefix + "-" + i + "-" + UUID.randomUUID() + "@example.test")
                .toList();
        ObjectNode body = JSON.createObjectNode();
        ArrayNode events = body.putArray("events");
        for (String email : emails) {
            events.add(JSON.readTree(trigger(UUID.randomUUID().toString(), email)));
        }
        assertThat(service.post("/v1/events/trigger/bulk", JSON.writeValueAsString(body))
                        .statusCode())
                .isEqualTo(201);
        return emails;
    }

    private static JsonNode smtpHealth() {
        String body = RunningService.send(
                        HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/health"))
                                .build())
                .body();
        return JSON.readTree(body).path("components").path("smtp");
    }

    /** The sum of a metric's samples on the Prometheus endpoint. */
    private static double metric(String name) {
        String body = RunningService.send(
                        HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/prometheus"))
                                .build())
                .body();
        return body.lines()
                .filter(line -> line.startsWith(name + " ") || line.startsWith(name + "{"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static long count(List<String> emails, String condition) {
        return service.jdbc()
                .sql("SELECT count(*) FROM messages WHERE email = ANY(:emails) AND " + condition)
                .param("emails", emails.toArray(String[]::new))
                .query(Long.class)
                .single();
    }

    private static int maxAttempts() {
        return service.jdbc()
                .sql("SELECT coalesce(max(attempts), 0) FROM messages WHERE status = 'queued'")
                .query(Integer.class)
                .single();
    }

    private static int attempts(String transactionId) {
        return service.jdbc()
                .sql("SELECT attempts FROM messages WHERE transaction_id = :txn")
                .param("txn", transactionId)
                .query(Integer.class)
                .optional()
                .orElse(0);
    }

    private static String lastError(String transactionId) {
        return service.jdbc()
                .sql("SELECT last_error FROM messages WHERE transaction_id = :txn")
                .param("txn", transactionId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private static String trigger(String transactionId, String email) {
        return TriggerBodies.verification(
                transactionId, UUID.randomUUID().toString(), email, "http://h/verify-email?token=outage");
    }
}
