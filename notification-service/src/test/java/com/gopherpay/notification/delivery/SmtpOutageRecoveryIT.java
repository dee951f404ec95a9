package com.gopherpay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SmtpProxy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Delivery rounds through an SMTP server that goes away and comes back: no attempt is spent while it is away, and
 * what waited for it is due the moment a probe gets through, however long its own backoff (10 minutes here).
 */
class SmtpOutageRecoveryIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RunningService service = DeliveryTestService.service();
    private final Mailbox mailbox = DeliveryTestService.mailbox();
    private final SmtpProxy proxy = DeliveryTestService.proxy();
    private final DeliveryWorker worker = service.bean(DeliveryWorker.class);
    private final SmtpAvailability availability = service.bean(SmtpAvailability.class);

    @AfterEach
    void serverBack() {
        proxy.restore();
        worker.probeSmtp();
    }

    @Test
    void pausesDeliveryWithoutSpendingAttemptsAndResumesEverythingThatWaitedForTheServer() {
        // The server goes away while the first message is being handed over.
        String broken = trigger("broken");
        proxy.cutOn("RCPT TO:<" + broken + ">");
        assertThat(worker.deliverDueBatch()).isEqualTo(1);
        Map<String, Object> inFlight = row(broken);
        assertThat(inFlight.get("status")).isEqualTo("queued");
        assertThat(inFlight.get("attempts")).isEqualTo(1);
        assertThat(inFlight.get("waits_for_smtp")).isEqualTo(true);
        assertThat(((Timestamp) inFlight.get("next_attempt_at")).toInstant())
                .isAfter(Instant.now().plus(Duration.ofMinutes(4)));

        // The next connection fails: the outage begins, and its messages go back untried.
        List<String> waiting = List.of(trigger("waiting-1"), trigger("waiting-2"));
        assertThat(worker.deliverDueBatch()).isEqualTo(2);
        assertThat(availability.isDown()).isTrue();
        assertThat(waiting).allSatisfy(email -> {
            Map<String, Object> row = row(email);
            assertThat(row.get("status")).isEqualTo("queued");
            assertThat(row.get("attempts")).isEqualTo(0);
            assertThat((String) row.get("last_error")).startsWith("SMTP");
            assertThat(((Timestamp) row.get("next_attempt_at")).toInstant()).isBefore(Instant.now());
        });

        // While the breaker is open nothing is claimed, and a probe that does not get through changes nothing.
        assertThat(worker.deliverDueBatch()).isZero();
        assertThat(worker.probeSmtp()).isFalse();
        assertThat(waiting)
                .allSatisfy(email -> assertThat(row(email).get("attempts")).isEqualTo(0));
        JsonNode down = smtpHealth();
        assertThat(down.path("status").asString()).isEqualTo("DOWN");
        assertThat(down.path("details").path("failedProbes").asInt()).isEqualTo(1);
        assertThat(down.path("details").path("since").asString()).isNotBlank();
        assertThat(down.path("details").path("lastError").asString())
                .startsWith("SMTP")
                .doesNotContain("@");

        proxy.restore();
        assertThat(worker.probeSmtp()).isTrue();

        assertThat(availability.isDown()).isFalse();
        assertThat(row(broken).get("waits_for_smtp")).isEqualTo(false);
        assertThat(((Timestamp) row(broken).get("next_attempt_at")).toInstant()).isBefore(Instant.now());
        assertThat(worker.deliverDueBatch()).isEqualTo(3);
        assertThat(List.of(broken, waiting.get(0), waiting.get(1))).allSatisfy(email -> {
            assertThat(mailbox.to(email)).hasSize(1);
            assertThat(row(email).get("status")).isEqualTo("sent");
        });
        assertThat(row(broken).get("attempts")).isEqualTo(2);
        assertThat(waiting)
                .allSatisfy(email -> assertThat(row(email).get("attempts")).isEqualTo(1));
        JsonNode up = smtpHealth();
        // UNKNOWN rather than UP: this instance's own delivery threads are off (the test drives the rounds).
        assertThat(up.path("status").asString()).isEqualTo("UNKNOWN");
        assertThat(up.path("details").path("lastOutageDuration").asString()).startsWith("PT");
    }

    @Test
    void takesA421GreetingForAnOutage() {
        String email = trigger("turned-away");
        proxy.turnAway("421 4.3.2 Service not available, closing transmission channel");

        assertThat(worker.deliverDueBatch()).isEqualTo(1);

        assertThat(availability.isDown()).isTrue();
        assertThat(row(email).get("attempts")).isEqualTo(0);
        assertThat((String) row(email).get("last_error")).contains("421");
        proxy.restore();
        assertThat(worker.probeSmtp()).isTrue();
        assertThat(worker.deliverDueBatch()).isEqualTo(1);
        assertThat(mailbox.to(email)).hasSize(1);
    }

    @Test
    void keepsTheBackoffOfAMessageWhoseConnectionBrokeWhenTheServerAnswersTheNextOne() {
        // One message kills its connection, but the server is fine: no outage, and that message is not resent early
        // (it may be what breaks the connection).
        String breaking = trigger("breaking");
        proxy.cutOn("RCPT TO:<" + breaking + ">");
        assertThat(worker.deliverDueBatch()).isEqualTo(1);
        proxy.restore();
        String fine = trigger("fine");
        assertThat(worker.deliverDueBatch()).isEqualTo(1);

        assertThat(availability.isDown()).isFalse();
        assertThat(mailbox.to(fine)).hasSize(1);
        assertThat(worker.probeSmtp()).isTrue();
        assertThat(((Timestamp) row(breaking).get("next_attempt_at")).toInstant())
                .isAfter(Instant.now().plus(Duration.ofMinutes(4)));
        // Left as the other tests of this package expect: nothing queued.
        service.jdbc()
                .sql("UPDATE messages SET next_attempt_at = now() WHERE email = :email")
                .param("email", breaking)
                .update();
        assertThat(worker.deliverDueBatch()).isEqualTo(1);
        assertThat(mailbox.to(breaking)).hasSize(1);
    }

    private String trigger(String prefix) {
        String email = prefix + "-" + UUID.randomUUID() + "@example.test";
        assertThat(service.post("/v1/events/trigger", """
                                {"name":"account-exists","to":{"subscriberId":"%s","email":"%s"},
                                 "payload":{"loginLink":"http://h/login"}}""".formatted(UUID.randomUUID(), email))
                        .statusCode())
                .isEqualTo(201);
        return email;
    }

    private Map<String, Object> row(String email) {
        return service.jdbc()
                .sql("SELECT status, attempts, next_attempt_at, last_error, waits_for_smtp FROM messages"
                        + " WHERE email = :email")
                .param("email", email)
                .query()
                .singleRow();
    }

    private JsonNode smtpHealth() {
        String body = RunningService.send(
                        HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/health"))
                                .build())
                .body();
        return JSON.readTree(body).path("components").path("smtp");
    }
}
