package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.TriggerBodies;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages whose links have expired are redacted by the sweep of every instance at once, each exactly once: two
 * instances share one database, neither delivers, and the accepted messages age past the live-content retention.
 */
class RedactionIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Mailbox mailbox;
    private static RunningService first;
    private static RunningService second;

    @BeforeAll
    static void start() {
        mailbox = Mailbox.started(FreePorts.next());
        TestDatabase database = TestDatabases.create("notification_redaction");
        String[] settings = {
            "--notification.delivery.enabled=false",
            "--notification.retention.live-content=1h",
            "--notification.retention.sweep-interval=100ms"
        };
        first = RunningService.start(database, mailbox.port(), settings);
        second = RunningService.start(database, mailbox.port(), settings);
    }

    @AfterAll
    static void stop() {
        second.close();
        first.close();
        mailbox.close();
    }

    @Test
    void failsAndRedactsQueuedMessagesOnceTheirLinksHaveExpiredEachExactlyOnce() throws Exception {
        String batch = "expired-" + UUID.randomUUID();
        List<String> tokens =
                IntStream.range(0, 40).mapToObj(i -> "tok-" + UUID.randomUUID()).toList();
        for (int i = 0; i < tokens.size(); i++) {
            String body = TriggerBodies.verification(
                    batch + "-" + i,
                    "sub-" + UUID.randomUUID(),
                    "r" + i + "@example.test",
                    "http://127.0.0.1:8080/verify-email?token=" + tokens.get(i));
            assertThat((i % 2 == 0 ? first : second)
                            .post("/v1/events/trigger", body)
                            .statusCode())
                    .isEqualTo(201);
        }
        List<String> transactionIds =
                IntStream.range(0, tokens.size()).mapToObj(i -> batch + "-" + i).toList();

        // Accepted two hours ago: older than the live-content retention, still queued.
        first.jdbc()
                .sql("UPDATE messages SET created_at = created_at - INTERVAL '2 hours' WHERE transaction_id LIKE :b")
                .param("b", batch + "-%")
                .update();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> first.jdbc()
                                .sql(
                                        "SELECT count(*) FROM messages WHERE transaction_id LIKE :b AND redacted_at IS NULL")
                                .param("b", batch + "-%")
                                .query(Long.class)
                                .single()
                        == 0);

        List<Map<String, Object>> rows =
                first.jdbc().sql("""
                        SELECT transaction_id, status, html, text_body, payload::text AS payload, content_sha256,
                            last_error, next_attempt_at, email, subject
                        FROM messages WHERE transaction_id LIKE :b""").param("b", batch + "-%").query().listOfRows();
        assertThat(rows).hasSize(tokens.size()).allSatisfy(row -> {
            assertThat(row.get("status")).isEqualTo("error");
            assertThat(row.get("html")).isNull();
            assertThat(row.get("text_body")).isNull();
            assertThat(row.get("next_attempt_at")).isNull();
            assertThat((String) row.get("last_error")).contains("links have expired");
            assertThat(JSON.readTree((String) row.get("payload")))
                    .isEqualTo(JSON.readTree("{\"verificationLink\":\"[redacted]\",\"expiresAt\":\"[redacted]\"}"));
            // Messages render at delivery: one that was never sent never had content, so there is nothing to hash.
            assertThat(row.get("content_sha256")).isNull();
            assertThat(row.get("subject")).isNull();
            assertThat(row.get("email")).isNotNull();
        });
        String listed = first.get("/v1/messages?limit=100&"
                        + String.join(
                                "&",
                                transactionIds.stream()
                                        .map(id -> "transactionId=" + id)
                                        .toList()))
                .body();
        assertThat(JSON.readTree(listed).path("data").size()).isEqualTo(tokens.size());
        tokens.forEach(token -> assertThat(listed).doesNotContain(token));
        assertThat(mailbox.to("r0@example.test")).isEmpty();
    }

    @Test
    void leavesMessagesWithinTheirLinksLifetimeAlone() {
        String live = "live-" + UUID.randomUUID();
        String expired = "old-" + UUID.randomUUID();
        first.post("/v1/events/trigger", TriggerBodies.verification(live, "s-" + live, "l@example.test", "http://h/v"));
        first.post(
                "/v1/events/trigger",
                TriggerBodies.verification(expired, "s-" + expired, "o@example.test", "http://h/v"));
        first.jdbc()
                .sql("UPDATE messages SET created_at = created_at - INTERVAL '2 hours' WHERE transaction_id = :t")
                .param("t", expired)
                .update();

        // Once the old one is redacted, a sweep has seen the live one too.
        await().atMost(Duration.ofSeconds(20)).until(() -> "error".equals(first.messageStatus(expired)));

        Map<String, Object> row = first.jdbc()
                .sql("SELECT status, payload::text AS payload, redacted_at FROM messages WHERE transaction_id = :t")
                .param("t", live)
                .query()
                .singleRow();
        assertThat(row.get("status")).isEqualTo("queued");
        assertThat((String) row.get("payload")).contains("http://h/v");
        assertThat(row.get("redacted_at")).isNull();
    }
}
