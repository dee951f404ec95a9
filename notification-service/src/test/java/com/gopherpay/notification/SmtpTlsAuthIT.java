package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.TriggerBodies;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** SMTP over implicit TLS with authentication, configured only through Spring Boot's {@code spring.mail.*}. */
class SmtpTlsAuthIT {

    private static final String USER = "mailer";
    private static final String PASSWORD = "s3cret-smtp";

    private static GreenMail smtps;
    private static TestDatabase database;

    @BeforeAll
    static void startSmtpsServer() {
        smtps = new GreenMail(new ServerSetup(FreePorts.next(), "127.0.0.1", ServerSetup.PROTOCOL_SMTPS))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(USER, PASSWORD));
        smtps.start();
        database = TestDatabases.create("notification_tls");
    }

    @AfterAll
    static void stop() {
        smtps.stop();
    }

    @Test
    void deliversOverTlsWithAuthenticationAndRetriesWhileCredentialsAreWrong() {
        String wrongEmail = "tls-wrong-" + UUID.randomUUID() + "@example.test";
        String rightEmail = "tls-right-" + UUID.randomUUID() + "@example.test";
        String wrongTransaction = UUID.randomUUID().toString();

        try (RunningService misconfigured = start("not-the-password")) {
            misconfigured.post("/v1/events/trigger", trigger(wrongTransaction, wrongEmail));
            await().atMost(Duration.ofSeconds(20)).until(() -> lastError(misconfigured, wrongTransaction) != null);
            assertThat(lastError(misconfigured, wrongTransaction)).startsWith("SMTP authentication failed");
            assertThat(misconfigured.messageStatus(wrongTransaction)).isEqualTo("queued");
        }

        try (RunningService configured = start(PASSWORD)) {
            configured.post("/v1/events/trigger", trigger(UUID.randomUUID().toString(), rightEmail));

            await().atMost(Duration.ofSeconds(20)).until(() -> received(rightEmail) && received(wrongEmail));
        }
    }

    private static RunningService start(String password) {
        return RunningService.start(
                database,
                smtps.getSmtps().getPort(),
                "--spring.mail.protocol=smtps",
                "--spring.mail.username=" + USER,
                "--spring.mail.password=" + password,
                "--spring.mail.properties.mail.smtps.auth=true",
                // GreenMail's certificate is self-signed and not issued for 127.0.0.1; a real provider's certificate
                // is trusted through the JDK's store and its name is checked.
                "--spring.mail.properties.mail.smtps.ssl.trust=127.0.0.1",
                "--spring.mail.properties.mail.smtps.ssl.checkserveridentity=false");
    }

    private static boolean received(String address) {
        return Arrays.stream(smtps.getReceivedMessages()).anyMatch(message -> {
            try {
                return message.getAllRecipients()[0].toString().contains(address);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static String lastError(RunningService service, String transactionId) {
        return service.jdbc()
                .sql("SELECT last_error FROM messages WHERE transaction_id = :txn")
                .param("txn", transactionId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    private static String trigger(String transactionId, String email) {
        return TriggerBodies.verification(
                transactionId, UUID.randomUUID().toString(), email, "http://h/verify-email?token=tls");
    }
}
