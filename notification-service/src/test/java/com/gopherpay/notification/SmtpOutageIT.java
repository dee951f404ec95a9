package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.TriggerBodies;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Accepted messages wait out an SMTP outage and are delivered once the server is back. */
class SmtpOutageIT {

    private static Mailbox mailbox;
    private static RunningService service;

    @BeforeAll
    static void startWithoutSmtp() {
        mailbox = new Mailbox(FreePorts.next());
        service = RunningService.start(TestDatabases.create("notification_outage"), mailbox.port());
    }

    @AfterAll
    static void stop() {
        service.close();
        mailbox.close();
    }

    @Test
    void deliversMessagesQueuedWhileSmtpWasDownAfterItComesBack() {
        mailbox.stop();
        String email = "outage-" + UUID.randomUUID() + "@example.test";
        String transactionId = UUID.randomUUID().toString();

        assertThat(service.post("/v1/events/trigger", trigger(transactionId, email))
                        .statusCode())
                .isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(transactionId) >= 2);
        assertThat(service.messageStatus(transactionId)).isEqualTo("queued");
        assertThat(lastError(transactionId)).contains("SMTP server unreachable");

        mailbox.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to(email).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> "sent".equals(service.messageStatus(transactionId)));
        assertThat(Mailbox.part(mailbox.to(email).get(0), "text/plain")).contains("verify-email?token=outage");
    }

    @Test
    void deliversAfterSmtpServerIsStoppedAndRestartedOnTheSamePort() {
        mailbox.stop();
        mailbox.start();
        mailbox.stop();
        String email = "restart-smtp-" + UUID.randomUUID() + "@example.test";
        String transactionId = UUID.randomUUID().toString();

        service.post("/v1/events/trigger", trigger(transactionId, email));
        await().atMost(Duration.ofSeconds(20)).until(() -> attempts(transactionId) >= 1);
        mailbox.start();

        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to(email).size() == 1);
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
                .single();
    }

    private static String trigger(String transactionId, String email) {
        return TriggerBodies.verification(
                transactionId, UUID.randomUUID().toString(), email, "http://h/verify-email?token=outage");
    }
}
