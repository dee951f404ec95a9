package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RunningService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Emails render at delivery. A workflow whose templates fail to render (here: a loop past liqp's iteration limit)
 * cannot be refused at acceptance, so the trigger is 201 and its message ends as {@code error} with the reason,
 * counted in {@code notification_templates_failures_total}; nothing is sent and no value of the payload is told.
 */
class TemplateRenderingIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Mailbox mailbox;
    private static RunningService service;
    /** Shares the database; delivers nothing; has a workflow the delivering instance does not have. */
    private static RunningService newer;

    @BeforeAll
    static void start() {
        mailbox = Mailbox.started(FreePorts.next());
        TestDatabase database = TestDatabases.create("notification_template_rendering");
        service = RunningService.start(
                database,
                mailbox.port(),
                "--notification.workflows.looping.subject={% for i in (1..20000) %}x{% endfor %}",
                "--notification.workflows.looping.html=classpath:workflows/account-exists.html",
                "--notification.workflows.looping.text=classpath:workflows/account-exists.txt");
        newer = RunningService.start(
                database,
                mailbox.port(),
                "--notification.delivery.enabled=false",
                "--notification.workflows.added.subject=Added",
                "--notification.workflows.added.html=classpath:workflows/account-exists.html",
                "--notification.workflows.added.text=classpath:workflows/account-exists.txt");
    }

    @AfterAll
    static void stop() {
        newer.close();
        service.close();
        mailbox.close();
    }

    @Test
    void failsTheMessageVisiblyWhenItsTemplatesCannotBeRendered() throws Exception {
        String transactionId = UUID.randomUUID().toString();
        String email = "loop-" + UUID.randomUUID() + "@example.test";
        String secret = "http://127.0.0.1:8080/login?token=" + UUID.randomUUID();
        String body = """
                {"name":"looping","to":{"subscriberId":"%s","email":"%s"},"transactionId":"%s",
                 "payload":{"loginLink":"%s"}}""".formatted(UUID.randomUUID(), email, transactionId, secret);

        assertThat(service.post("/v1/events/trigger", body).statusCode()).isEqualTo(201);

        JsonNode message = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> JSON.readTree(service.get("/v1/messages?transactionId=" + transactionId)
                                        .body())
                                .path("data")
                                .path(0),
                        found -> "error".equals(found.path("status").asString()));
        assertThat(message.path("errorText").asString())
                .contains("Workflow 'looping'")
                .contains("could not be rendered")
                .doesNotContain(secret);
        assertThat(message.has("subject")).isFalse();
        assertThat(message.has("contentSha256")).isFalse();
        assertThat(message.path("payload").path("loginLink").asString()).isEqualTo("[redacted]");
        assertThat(mailbox.to(email)).isEmpty();
        assertThat(prometheus())
                .containsPattern("notification_templates_failures_total\\{[^}]*workflow=\"looping\"[^}]*} 1\\.0");
    }

    @Test
    void rendersWorkingWorkflowsAsUsualNextToABrokenOne() throws Exception {
        String transactionId = UUID.randomUUID().toString();
        String email = "fine-" + UUID.randomUUID() + "@example.test";
        String body = """
                {"name":"account-exists","to":{"subscriberId":"%s","email":"%s","firstName":"Ada"},
                 "transactionId":"%s","payload":{"loginLink":"http://127.0.0.1:8080/login"}}""".formatted(UUID.randomUUID(), email, transactionId);

        assertThat(service.post("/v1/events/trigger", body).statusCode()).isEqualTo(201);

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to(email).size() == 1);
        Map<String, Object> row = service.jdbc()
                .sql("SELECT status, subject, content_sha256, html, text_body FROM messages WHERE transaction_id = :t")
                .param("t", transactionId)
                .query()
                .singleRow();
        assertThat(row.get("status")).isEqualTo("sent");
        assertThat(row.get("subject")).isEqualTo("You already have a GopherPay account");
        assertThat((String) row.get("content_sha256")).hasSize(64);
        assertThat(row.get("html")).isNull();
        assertThat(row.get("text_body")).isNull();
    }

    @Test
    void leavesAMessageWhoseWorkflowItLacksQueuedForAnInstanceThatHasIt() throws Exception {
        String transactionId = UUID.randomUUID().toString();
        String email = "added-" + UUID.randomUUID() + "@example.test";
        String body = """
                {"name":"added","to":{"subscriberId":"%s","email":"%s"},"transactionId":"%s",
                 "payload":{"loginLink":"http://127.0.0.1:8080/login"}}""".formatted(UUID.randomUUID(), email, transactionId);

        assertThat(newer.post("/v1/events/trigger", body).statusCode()).isEqualTo(201);

        Map<String, Object> row = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> service.jdbc()
                                .sql("SELECT status, attempts, last_error FROM messages WHERE transaction_id = :t")
                                .param("t", transactionId)
                                .query()
                                .singleRow(),
                        found -> found.get("last_error") != null);
        assertThat(row.get("status")).isEqualTo("queued");
        assertThat((Integer) row.get("attempts")).isPositive();
        assertThat((String) row.get("last_error")).isEqualTo("Workflow 'added' is not configured on this instance");
        assertThat(mailbox.to(email)).isEmpty();
    }

    private static String prometheus() throws Exception {
        return RunningService.send(HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/prometheus"))
                        .build())
                .body();
    }
}
