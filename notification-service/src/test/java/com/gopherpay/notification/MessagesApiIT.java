package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SharedService;
import com.gopherpay.notification.support.TriggerBodies;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** GET /v1/messages: delivered messages in Novu's shape, and its query parameters checked. */
class MessagesApiIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RunningService service = SharedService.service();

    @Test
    void listsDeliveredMessageByTransactionIdInNovuShape() throws Exception {
        String email = "grace-" + UUID.randomUUID() + "@example.test";
        String transactionId = UUID.randomUUID().toString();
        String subscriberId = UUID.randomUUID().toString();
        service.post(
                "/v1/events/trigger",
                TriggerBodies.verification(
                        transactionId, subscriberId, email, "http://127.0.0.1:8080/verify-email?token=list"));

        JsonNode page = await().atMost(Duration.ofSeconds(20))
                .until(
                        () -> JSON.readTree(service.get("/v1/messages?transactionId=" + transactionId
                                        + "&channel=email&page=0&limit=10")
                                .body()),
                        body -> body.path("data").size() == 1);

        assertThat(page.path("page").asInt()).isZero();
        assertThat(page.path("pageSize").asInt()).isEqualTo(10);
        assertThat(page.path("hasMore").asBoolean()).isFalse();
        assertThat(page.path("totalCount").asInt()).isEqualTo(1);
        JsonNode message = page.path("data").get(0);
        assertThat(message.path("transactionId").asString()).isEqualTo(transactionId);
        assertThat(message.path("channel").asString()).isEqualTo("email");
        assertThat(message.path("status").asString()).isEqualTo("sent");
        assertThat(message.path("_subscriberId").asString()).isEqualTo(subscriberId);
        assertThat(message.path("templateIdentifier").asString()).isEqualTo("email-verification");
        assertThat(message.path("email").asString()).isEqualTo(email);
        assertThat(message.path("subject").asString()).isEqualTo("Confirm your email address");
        assertThat(message.path("_id").asString()).isNotBlank();
        assertThat(message.path("createdAt").asString()).isNotBlank();
        // Delivered, so redacted: the fields are kept, the link is not.
        assertThat(message.has("content")).isFalse();
        assertThat(message.path("contentSha256").asString()).hasSize(64);
        assertThat(message.path("payload").path("verificationLink").asString()).isEqualTo("[redacted]");
        assertThat(message.path("payload").path("expiresAt").asString()).isEqualTo("[redacted]");
        assertThat(page.toString()).doesNotContain("token=list");
        Map<String, Object> row = service.jdbc()
                .sql("SELECT html, text_body, payload::text AS payload FROM messages WHERE transaction_id = :t")
                .param("t", transactionId)
                .query()
                .singleRow();
        assertThat(row.get("html")).isNull();
        assertThat(row.get("text_body")).isNull();
        assertThat((String) row.get("payload")).doesNotContain("token=list");
    }

    @Test
    void refusesMessagesPageLargerThan1000With400() throws Exception {
        HttpResponse<String> response = service.get("/v1/messages?limit=1001");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("statusCode").asInt()).isEqualTo(400);
    }

    @Test
    void answersMalformedQueryParameterWith400() throws Exception {
        HttpResponse<String> response = service.get("/v1/messages?page=first");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("statusCode").asInt()).isEqualTo(400);
    }

    @Test
    void rejectsNulAndOverlongMessageFiltersWith422() throws Exception {
        HttpResponse<String> nul = service.get("/v1/messages?transactionId=a%00b");
        HttpResponse<String> overlong = service.get("/v1/messages?subscriberId=" + "s".repeat(256));

        assertThat(nul.statusCode()).as(nul.body()).isEqualTo(422);
        assertThat(JSON.readTree(nul.body()).path("errors").propertyNames()).containsExactly("transactionId");
        assertThat(overlong.statusCode()).as(overlong.body()).isEqualTo(422);
        assertThat(JSON.readTree(overlong.body()).path("errors").propertyNames())
                .containsExactly("subscriberId");
    }
}
