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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Subscribers named in a trigger are upserted just in time with Novu's semantics. */
class SubscriberUpsertIT {

    private final RunningService service = SharedService.service();
    private final Mailbox mailbox = SharedService.mailbox();

    @Test
    void updatesSubscriberJustInTimeKeepingAbsentFields() throws Exception {
        String subscriberId = UUID.randomUUID().toString();
        String email = "jit-" + UUID.randomUUID() + "@example.test";
        service.post(
                "/v1/events/trigger",
                TriggerBodies.verification(
                        UUID.randomUUID().toString(), subscriberId, email, "http://h/verify-email?token=1"));
        String secondTransaction = UUID.randomUUID().toString();
        String body = """
                {"name":"email-verification","to":{"subscriberId":"%s","firstName":"Augusta","lastName":null},
                 "transactionId":"%s",
                 "payload":{"verificationLink":"http://h/verify-email?token=2","expiresAt":"2026-11-25T10:00:00Z"}}""".formatted(subscriberId, secondTransaction);

        service.post("/v1/events/trigger", body);

        List<MimeMessage> messages =
                await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to(email), received -> received.size() == 2);
        assertThat(messages)
                .anySatisfy(m -> assertThat(Mailbox.part(m, "text/plain")).contains("Hi Augusta,"));
        String lastName = service.jdbc()
                .sql("SELECT coalesce(last_name, '<null>') FROM subscribers WHERE subscriber_id = :id")
                .param("id", subscriberId)
                .query(String.class)
                .single();
        assertThat(lastName).isEqualTo("<null>");
    }

    /** A repeated transactionId is acknowledged and changes nothing, not even the subscriber it names. */
    @Test
    void leavesTheSubscriberAloneWhenTheTransactionIdRepeats() {
        String subscriberId = UUID.randomUUID().toString();
        String transactionId = UUID.randomUUID().toString();
        String body = """
                {"name":"email-verification","to":{"subscriberId":"%s","email":"%s","firstName":"%s"},
                 "transactionId":"%s",
                 "payload":{"verificationLink":"http://h/verify-email?token=3","expiresAt":"2026-11-25T10:00:00Z"}}""";
        String email = "repeat-" + UUID.randomUUID() + "@example.test";

        assertThat(service.post("/v1/events/trigger", body.formatted(subscriberId, email, "Ada", transactionId))
                        .statusCode())
                .isEqualTo(201);
        assertThat(service.post("/v1/events/trigger", body.formatted(subscriberId, email, "Grace", transactionId))
                        .statusCode())
                .isEqualTo(201);

        String firstName = service.jdbc()
                .sql("SELECT first_name FROM subscribers WHERE subscriber_id = :id")
                .param("id", subscriberId)
                .query(String.class)
                .single();
        assertThat(firstName).isEqualTo("Ada");
    }

    /** One bulk request, one subscriber, two events writing different fields: both land, in request order. */
    @Test
    void upsertsOneSubscriberTwiceInOneBulkRequestWithDifferentFields() throws Exception {
        String subscriberId = UUID.randomUUID().toString();
        String email = "bulk-jit-" + UUID.randomUUID() + "@example.test";
        String first =
                TriggerBodies.verification(UUID.randomUUID().toString(), subscriberId, email, "http://h/v?token=1");
        String second = """
                {"name":"email-verification","to":{"subscriberId":"%s","firstName":"Augusta","phone":"+441234"},
                 "transactionId":"%s",
                 "payload":{"verificationLink":"http://h/v?token=2","expiresAt":"2026-11-25T10:00:00Z"}}""".formatted(subscriberId, UUID.randomUUID());

        HttpResponse<String> response =
                service.post("/v1/events/trigger/bulk", "{\"events\":[" + first + "," + second + "]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).doesNotContain("\"error\"");
        Map<String, Object> stored = service.jdbc()
                .sql("SELECT email, first_name, last_name, phone FROM subscribers WHERE subscriber_id = :id")
                .param("id", subscriberId)
                .query()
                .singleRow();
        assertThat(stored)
                .containsEntry("email", email)
                .containsEntry("first_name", "Augusta")
                .containsEntry("last_name", "Lovelace")
                .containsEntry("phone", "+441234");
        List<MimeMessage> messages =
                await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to(email), received -> received.size() == 2);
        assertThat(messages)
                .allSatisfy(m -> assertThat(Mailbox.part(m, "text/plain")).contains("Hi Augusta,"));
    }
}
