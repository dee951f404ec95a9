package com.gopherpay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SmtpProxy;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A permanent SMTP refusal (5xx) ends a message at once; a transient one (4xx) keeps it queued for a retry. */
class SmtpReplyClassificationIT {

    private final RunningService service = DeliveryTestService.service();
    private final Mailbox mailbox = DeliveryTestService.mailbox();
    private final SmtpProxy proxy = DeliveryTestService.proxy();
    private final DeliveryWorker worker = service.bean(DeliveryWorker.class);

    @AfterEach
    void behaveAgain() {
        proxy.refuseNothing();
    }

    @Test
    void failsAMessageWhoseRecipientTheServerRefusesPermanentlyWithoutRetrying() {
        String email = trigger("refused");
        proxy.refuse("RCPT TO:<" + email + ">", "550 5.1.1 <" + email + ">: Recipient address rejected");

        assertThat(worker.deliverDueBatch()).isEqualTo(1);

        // A refusal of one recipient is about that message, not an outage of the server.
        assertThat(service.bean(SmtpAvailability.class).isDown()).isFalse();
        Map<String, Object> row = row(email);
        assertThat(row.get("status")).isEqualTo("error");
        assertThat(row.get("next_attempt_at")).isNull();
        assertThat((String) row.get("last_error")).startsWith("SMTP 550");
        proxy.refuseNothing();
        assertThat(worker.deliverDueBatch()).isZero();
        assertThat(mailbox.to(email)).isEmpty();
    }

    @Test
    void failsAMessageWhoseContentTheServerRefusesPermanently() {
        String email = trigger("content");
        proxy.refuse("MAIL FROM:", "554 5.7.1 Message rejected as spam");

        worker.deliverDueBatch();

        assertThat(row(email).get("status")).isEqualTo("error");
        assertThat((String) row(email).get("last_error")).startsWith("SMTP 554");
    }

    @Test
    void keepsAMessageQueuedForRetryWhenTheServerRefusesTransiently() {
        String email = trigger("greylisted");
        proxy.refuse("RCPT TO:<" + email + ">", "451 4.7.1 Greylisted, try again later");

        worker.deliverDueBatch();

        assertThat(service.bean(SmtpAvailability.class).isDown()).isFalse();
        Map<String, Object> row = row(email);
        assertThat(row.get("status")).isEqualTo("queued");
        assertThat(row.get("next_attempt_at")).isNotNull();
        assertThat((String) row.get("last_error")).startsWith("SMTP 451");
        proxy.refuseNothing();
        service.jdbc()
                .sql("UPDATE messages SET next_attempt_at = now() WHERE email = :email")
                .param("email", email)
                .update();
        worker.deliverDueBatch();
        assertThat(row(email).get("status")).isEqualTo("sent");
        assertThat(mailbox.to(email)).hasSize(1);
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
                .sql("SELECT status, next_attempt_at, last_error FROM messages WHERE email = :email")
                .param("email", email)
                .query()
                .singleRow();
    }
}
