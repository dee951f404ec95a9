package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SharedService;
import com.gopherpay.notification.support.TriggerBodies;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What a trigger must be: each invalid event answered as Novu answers it, never a 500, nothing accepted. */
class TriggerValidationIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RunningService service = SharedService.service();

    @Test
    void answersMissingPayloadVariablesWith400PayloadValidationErrorNamingEach() throws Exception {
        String body = """
                {"name":"email-verification","to":{"subscriberId":"%s","email":"x@example.test"},
                 "payload":{"expiresAt":"2026-11-25T10:00:00Z"}}""".formatted(UUID.randomUUID());

        HttpResponse<String> response = service.post("/v1/events/trigger", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("statusCode").asInt()).isEqualTo(400);
        assertThat(error.path("type").asString()).isEqualTo("PAYLOAD_VALIDATION_ERROR");
        assertThat(error.path("message").asString())
                .startsWith("Payload validation failed")
                .contains("payload.verificationLink");
        assertThat(error.path("errors").get(0).path("field").asString()).isEqualTo("verificationLink");
        assertThat(error.path("path").asString()).isEqualTo("/v1/events/trigger");
        assertThat(error.path("timestamp").asString()).isNotBlank();
    }

    @Test
    void answersValidationErrorsWith422PerField() throws Exception {
        HttpResponse<String> response = service.post("/v1/events/trigger", "{\"payload\":[]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("message").asString()).isEqualTo("Validation Error");
        assertThat(error.path("errors").path("name").path("messages").get(0).asString())
                .isEqualTo("name should not be null or undefined");
        assertThat(error.path("errors").path("to").path("value").asString()).isEqualTo("No Value Recorded");
        assertThat(error.path("errors").has("payload")).isTrue();
    }

    @Test
    void rejectsNulCharactersAnywhereInTheEventWith422NamingTheField() throws Exception {
        String transactionId = UUID.randomUUID().toString();
        String body = TriggerBodies.verification(
                        transactionId, "nul-" + UUID.randomUUID(), "nul@example.test", "http://h/v")
                .replace("\"firstName\":\"Ada\"", "\"firstName\":\"A\\u0000da\"")
                .replace("\"expiresAt\"", "\"note\":{\"k\\u0000\":[\"ok\",\"x\\u0000\"]},\"expiresAt\"");

        HttpResponse<String> response = service.post("/v1/events/trigger", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("message").asString()).isEqualTo("Validation Error");
        assertThat(error.path("errors").propertyNames())
                .containsExactlyInAnyOrder("to.firstName", "payload.note.k\\u0000", "payload.note.k\\u0000.1");
        assertThat(error.path("errors")
                        .path("to.firstName")
                        .path("messages")
                        .get(0)
                        .asString())
                .isEqualTo("to.firstName must not contain NUL characters (\\u0000)");
        assertThat(service.messageStatus(transactionId)).isNull();
    }

    @Test
    void rejectsTransactionIdAndSubscriberIdsLongerThan255CharactersWith422() throws Exception {
        String body = TriggerBodies.verification("t".repeat(256), "s".repeat(3000), "long@example.test", "http://h/v")
                .replace("\"to\":{", "\"to\":[\"" + "r".repeat(256) + "\",{");
        body = body.replace("\"lastName\":\"Lovelace\"}", "\"lastName\":\"Lovelace\"}]");

        HttpResponse<String> response = service.post("/v1/events/trigger", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode errors = JSON.readTree(response.body()).path("errors");
        assertThat(errors.propertyNames()).containsExactlyInAnyOrder("transactionId", "to.0", "to.1.subscriberId");
        assertThat(errors.path("transactionId").path("messages").get(0).asString())
                .isEqualTo("transactionId must be shorter than or equal to 255 characters");
    }

    @Test
    void acceptsIdsOf255FourByteCharactersEach() throws Exception {
        // The worst case for the unique index (environment, transactionId, subscriberId): 2 × 1020 bytes.
        String transactionId =
                "\uD83D\uDCE7".repeat(254) + UUID.randomUUID().toString().substring(0, 1);
        String subscriberId =
                "\uD83D\uDC64".repeat(254) + UUID.randomUUID().toString().substring(0, 1);

        HttpResponse<String> response = service.post(
                "/v1/events/trigger",
                TriggerBodies.verification(transactionId, subscriberId, "wide@example.test", "http://h/v"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(service.messageStatus(transactionId)).isNotNull();
    }

    @Test
    void rejectsAWholeBulkRequestWithAnInvalidEventBeforeAcceptingAnyOfIt() throws Exception {
        String valid = UUID.randomUUID().toString();
        String body = "{\"events\":["
                + TriggerBodies.verification(valid, UUID.randomUUID().toString(), "bulk-ok@example.test", "http://h/v")
                + ","
                + TriggerBodies.verification("x".repeat(300), "s", "bulk-bad@example.test", "http://h/v") + "]}";

        HttpResponse<String> response = service.post("/v1/events/trigger/bulk", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).path("errors").propertyNames())
                .containsExactly("events.1.transactionId");
        assertThat(service.messageStatus(valid)).isNull();
    }

    @Test
    void rejectsRecipientEmailsThatAreNoAddressWith422WithoutEchoingThem() throws Exception {
        List<String> invalid = List.of(
                "not-an-address",
                "a@b",
                "ada@example.test\r\nBcc: victim@example.test",
                "Ada <ada@example.test>",
                "ada@@example.test",
                "ada @example.test",
                "\u00e4da@example.test",
                "x".repeat(65) + "@example.test",
                "a@" + "d".repeat(250) + ".test",
                "");
        for (String email : invalid) {
            String transactionId = UUID.randomUUID().toString();
            String body = TriggerBodies.verification(
                            transactionId, UUID.randomUUID().toString(), "EMAIL", "http://h/v")
                    .replace("\"EMAIL\"", JSON.writeValueAsString(email));

            HttpResponse<String> response = service.post("/v1/events/trigger", body);

            assertThat(response.statusCode()).as(email).isEqualTo(422);
            JsonNode errors = JSON.readTree(response.body()).path("errors");
            assertThat(errors.propertyNames()).as(email).containsExactly("to.email");
            assertThat(errors.path("to.email").path("value").asString()).isEqualTo("No Value Recorded");
            assertThat(service.messageStatus(transactionId)).isNull();
        }
    }

    @Test
    void acceptsPlainAddressesUpTo254Characters() {
        String email = "a".repeat(64) + "@" + "d".repeat(63) + "." + "e".repeat(63) + "." + "f".repeat(56) + ".test";
        assertThat(email).hasSize(254);

        HttpResponse<String> response = service.post(
                "/v1/events/trigger",
                TriggerBodies.verification(
                        UUID.randomUUID().toString(), UUID.randomUUID().toString(), email, "http://h/v"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    @Test
    void answersUnknownWorkflowWith422InNovuErrorBody() throws Exception {
        HttpResponse<String> response =
                service.post("/v1/events/trigger", "{\"name\":\"nope\",\"to\":\"someone\",\"payload\":{}}");

        assertThat(response.statusCode()).isEqualTo(422);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("message").asString()).isEqualTo("workflow_not_found");
        assertThat(error.path("error").asString()).isEqualTo("Unprocessable Entity");
        assertThat(error.path("ctx").path("statusCode").asInt()).isEqualTo(422);
    }

    @Test
    void answersBulkPerEventWithPayloadErrorsInPlace() throws Exception {
        String ok = UUID.randomUUID().toString();
        String bad = UUID.randomUUID().toString();
        String body = "{\"events\":["
                + TriggerBodies.verification(
                        ok, UUID.randomUUID().toString(), "bulk@example.test", "http://h/verify-email?token=b")
                + ",{\"name\":\"email-verification\",\"to\":\"s\",\"payload\":{},\"transactionId\":\"" + bad + "\"}]}";

        HttpResponse<String> response = service.post("/v1/events/trigger/bulk", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode data = JSON.readTree(response.body()).path("data");
        assertThat(data.get(0).path("status").asString()).isEqualTo("processed");
        assertThat(data.get(1).path("status").asString()).isEqualTo("error");
        assertThat(data.get(1).path("acknowledged").asBoolean()).isTrue();
        assertThat(data.get(1).path("error").get(0).asString()).startsWith("Payload validation failed");
        assertThat(data.get(1).path("transactionId").asString()).isEqualTo(bad);
    }
}
