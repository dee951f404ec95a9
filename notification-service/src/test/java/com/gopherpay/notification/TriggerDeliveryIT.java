package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SharedService;
import com.gopherpay.notification.support.TriggerBodies;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A 201 keeps its promise: the email each trigger asks for, with its links intact, or a message that says why not. */
class TriggerDeliveryIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RunningService service = SharedService.service();
    private final Mailbox mailbox = SharedService.mailbox();

    @Test
    void deliversVerificationEmailWithLinkIntactInBothParts() throws Exception {
        String token = "Zm9vYmFy-" + UUID.randomUUID();
        String link = "http://127.0.0.1:8080/verify-email?token=" + token;
        String email = "ada-" + UUID.randomUUID() + "@example.test";
        String transactionId = UUID.randomUUID().toString();

        HttpResponse<String> response = service.post(
                "/v1/events/trigger",
                TriggerBodies.verification(transactionId, UUID.randomUUID().toString(), email, link));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()))
                .isEqualTo(
                        JSON.readTree("{\"data\":{\"acknowledged\":true,\"status\":\"processed\",\"transactionId\":\""
                                + transactionId + "\"}}"));
        MimeMessage message = await().atMost(Duration.ofSeconds(20))
                .until(() -> mailbox.to(email), messages -> messages.size() == 1)
                .get(0);
        assertThat(message.getSubject()).isEqualTo("Confirm your email address");
        assertThat(message.getFrom()[0].toString()).isEqualTo("GopherPay <no-reply@gopherpay.local>");
        assertThat(message.getHeader("Message-ID")[0]).endsWith("@gopherpay.local>");
        assertThat(message.getSentDate()).isNotNull();
        assertThat(message.getContentType()).startsWith("multipart/alternative");
        String text = Mailbox.part(message, "text/plain");
        String html = Mailbox.part(message, "text/html");
        assertThat(text).contains(link).contains("Hi Ada,").contains("November 25, 2026 at 10:00");
        assertThat(html)
                .contains("href=\"" + link + "\"")
                .contains("verify-email?token=" + token)
                .contains("<html lang=\"en\"")
                .contains("Hi Ada,");
    }

    @Test
    void acceptsAccountExistsWithOnlyTheLinkItsTemplateNeeds() throws Exception {
        String email = "known-" + UUID.randomUUID() + "@example.test";
        String body = """
                {"name":"account-exists","to":{"subscriberId":"%s","email":"%s"},
                 "payload":{"loginLink":"http://127.0.0.1:8080/login"}}""".formatted(UUID.randomUUID(), email);

        HttpResponse<String> response = service.post("/v1/events/trigger", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        MimeMessage message = await().atMost(Duration.ofSeconds(20))
                .until(() -> mailbox.to(email), messages -> messages.size() == 1)
                .get(0);
        assertThat(Mailbox.part(message, "text/plain"))
                .contains("http://127.0.0.1:8080/login")
                .contains("Hi there,")
                .doesNotContain("Forgot your password");
    }

    @Test
    void deliversAccountExistsWithSignInAndForgotPasswordLinks() throws Exception {
        String email = "known-" + UUID.randomUUID() + "@example.test";
        String body = """
                {"name":"account-exists","to":{"subscriberId":"%s","email":"%s","firstName":"Ada"},
                 "payload":{"loginLink":"http://127.0.0.1:8080/login",
                            "resetLink":"http://127.0.0.1:8080/forgot-password"}}""".formatted(UUID.randomUUID(), email);

        assertThat(service.post("/v1/events/trigger", body).statusCode()).isEqualTo(201);

        MimeMessage message = await().atMost(Duration.ofSeconds(20))
                .until(() -> mailbox.to(email), messages -> messages.size() == 1)
                .get(0);
        assertThat(Mailbox.part(message, "text/plain"))
                .contains("Sign in: http://127.0.0.1:8080/login")
                .contains("Choose a new one here: http://127.0.0.1:8080/forgot-password");
        assertThat(Mailbox.part(message, "text/html"))
                .contains("href=\"http://127.0.0.1:8080/login\"")
                .contains("href=\"http://127.0.0.1:8080/forgot-password\"");
    }

    @Test
    void deliversPasswordResetWithLinkIntactInBothParts() throws Exception {
        String token = "Zm9vYmFy-" + UUID.randomUUID();
        String link = "http://127.0.0.1:8080/reset-password?token=" + token;
        String email = "reset-" + UUID.randomUUID() + "@example.test";

        HttpResponse<String> response = service.post(
                "/v1/events/trigger",
                TriggerBodies.passwordReset(
                        UUID.randomUUID().toString(), UUID.randomUUID().toString(), email, link));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        MimeMessage message = await().atMost(Duration.ofSeconds(20))
                .until(() -> mailbox.to(email), messages -> messages.size() == 1)
                .get(0);
        assertThat(message.getSubject()).isEqualTo("Choose a new GopherPay password");
        assertThat(Mailbox.part(message, "text/plain"))
                .contains(link)
                .contains("Hi Ada,")
                .contains("November 25, 2026 at 10:30");
        assertThat(Mailbox.part(message, "text/html"))
                .contains("href=\"" + link + "\"")
                .contains("reset-password?token=" + token)
                .contains("<html lang=\"en\"");
    }

    @Test
    void deliversPasswordChangedNotice() throws Exception {
        String email = "changed-" + UUID.randomUUID() + "@example.test";
        String body = """
                {"name":"password-changed","to":{"subscriberId":"%s","email":"%s","firstName":"Ada"},
                 "payload":{"changedAt":"2026-11-25T10:05:00Z",
                            "resetLink":"http://127.0.0.1:8080/forgot-password"}}""".formatted(UUID.randomUUID(), email);

        assertThat(service.post("/v1/events/trigger", body).statusCode()).isEqualTo(201);

        MimeMessage message = await().atMost(Duration.ofSeconds(20))
                .until(() -> mailbox.to(email), messages -> messages.size() == 1)
                .get(0);
        assertThat(message.getSubject()).isEqualTo("Your GopherPay password was changed");
        assertThat(Mailbox.part(message, "text/plain"))
                .contains("changed on November 25, 2026 at 10:05")
                .contains("If this wasn't you")
                .contains("http://127.0.0.1:8080/forgot-password");
        assertThat(Mailbox.part(message, "text/html")).contains("href=\"http://127.0.0.1:8080/forgot-password\"");
    }

    @Test
    void refusesPasswordResetWithoutItsLinkAndSendsNothing() throws Exception {
        String email = "reset-missing-" + UUID.randomUUID() + "@example.test";
        String body = """
                {"name":"password-reset","to":{"subscriberId":"%s","email":"%s"},
                 "payload":{"expiresAt":"2026-11-25T10:30:00Z"}}""".formatted(UUID.randomUUID(), email);

        HttpResponse<String> response = service.post("/v1/events/trigger", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("PAYLOAD_VALIDATION_ERROR").contains("resetLink");
        assertThat(mailbox.to(email)).isEmpty();
    }

    @Test
    void acknowledgesTenantTriggerAsNoTenantFoundWithoutSending() throws Exception {
        String email = "tenant-" + UUID.randomUUID() + "@example.test";
        String transactionId = UUID.randomUUID().toString();
        String body = TriggerBodies.verification(
                        transactionId, UUID.randomUUID().toString(), email, "http://h/verify-email?token=t")
                .replaceFirst("\\{", "{\"tenant\":\"acme\",");

        HttpResponse<String> response = service.post("/v1/events/trigger", body);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(JSON.readTree(response.body()).path("data").path("status").asString())
                .isEqualTo("no_tenant_found");
        assertThat(service.messageStatus(transactionId)).isNull();
    }

    @Test
    void recordsErrorMessageForSubscriberWithoutEmailInsteadOfSending() throws Exception {
        String transactionId = UUID.randomUUID().toString();
        String body = """
                {"name":"email-verification","to":"%s","transactionId":"%s",
                 "payload":{"verificationLink":"http://h/verify-email?token=n","expiresAt":"2026-11-25T10:00:00Z"}}""".formatted("unknown-" + UUID.randomUUID(), transactionId);

        HttpResponse<String> response = service.post("/v1/events/trigger", body);

        assertThat(response.statusCode()).isEqualTo(201);
        JsonNode message = JSON.readTree(service.get("/v1/messages?transactionId=" + transactionId)
                        .body())
                .path("data")
                .get(0);
        assertThat(message.path("status").asString()).isEqualTo("error");
        assertThat(message.path("errorText").asString()).contains("was not found");
    }
}
