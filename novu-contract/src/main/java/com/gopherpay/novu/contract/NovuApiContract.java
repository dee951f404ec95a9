package com.gopherpay.novu.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Novu's wire behaviour for the requests the GopherPay flow makes, as JUnit 5 tests. Subclass it once per
 * implementation of the API (the strict stub, notification-service, real Novu) and supply where it runs.
 *
 * <p>The idempotency group only runs when {@link #idempotencyEnabled()} returns true: real Novu ignores
 * {@code Idempotency-Key} unless the {@code IS_API_IDEMPOTENCY_ENABLED} flag is on.
 */
public abstract class NovuApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    /** Base URL of the implementation under test, without a trailing slash (e.g. {@code http://127.0.0.1:3000}). */
    protected abstract String baseUrl();

    /** An API key the implementation accepts. */
    protected abstract String validApiKey();

    /** A workflow id the implementation knows. */
    protected String knownWorkflowId() {
        return StrictNovuStub.EMAIL_VERIFICATION_WORKFLOW;
    }

    /** A payload that satisfies the known workflow's payload schema. */
    protected Map<String, Object> validPayload() {
        return Map.of("verificationLink", "https://gopherpay.example/verify?token=contract", "firstName", "Ada");
    }

    /** Whether Idempotency-Key handling is switched on in the implementation under test. */
    protected boolean idempotencyEnabled() {
        return false;
    }

    @Test
    void rejectsRequestWithoutAuthorizationHeader() throws Exception {
        HttpResponse<String> response = post(
                StrictNovuStub.TRIGGER_PATH, null, trigger(knownWorkflowId()).toString());

        assertNovuError(response, 401, StrictNovuStub.TRIGGER_PATH, "Missing authorization header");
    }

    @Test
    void rejectsAuthorizationWithAnotherScheme() throws Exception {
        HttpResponse<String> response = post(
                StrictNovuStub.TRIGGER_PATH,
                "Bearer " + validApiKey(),
                trigger(knownWorkflowId()).toString());

        assertNovuError(response, 401, StrictNovuStub.TRIGGER_PATH, "Invalid authentication scheme: \"Bearer\"");
    }

    @Test
    void rejectsUnknownApiKey() throws Exception {
        HttpResponse<String> response = post(
                StrictNovuStub.TRIGGER_PATH,
                "ApiKey not-" + validApiKey(),
                trigger(knownWorkflowId()).toString());

        assertNovuError(response, 401, StrictNovuStub.TRIGGER_PATH, "Unauthorized");
    }

    @Test
    void acknowledgesTriggerWith201InDataWrapperEchoingTransactionId() throws Exception {
        String transactionId = "contract-" + UUID.randomUUID();
        ObjectNode trigger = trigger(knownWorkflowId()).put("transactionId", transactionId);

        HttpResponse<String> response = postWithKey(StrictNovuStub.TRIGGER_PATH, trigger.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode data = JSON.readTree(response.body()).path("data");
        assertThat(data.path("acknowledged").asBoolean()).isTrue();
        assertThat(data.path("status").asText()).isEqualTo("processed");
        assertThat(data.path("transactionId").asText()).isEqualTo(transactionId);
    }

    @Test
    void generatesTransactionIdForTriggerWithoutOne() throws Exception {
        HttpResponse<String> response = postWithKey(
                StrictNovuStub.TRIGGER_PATH, trigger(knownWorkflowId()).toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(JSON.readTree(response.body())
                        .path("data")
                        .path("transactionId")
                        .asText())
                .isNotBlank();
    }

    @Test
    void answersUnknownWorkflowWith422WorkflowNotFound() throws Exception {
        HttpResponse<String> response = postWithKey(
                StrictNovuStub.TRIGGER_PATH, trigger(unknownWorkflowId()).toString());

        assertNovuError(response, 422, StrictNovuStub.TRIGGER_PATH, "workflow_not_found");
    }

    @Test
    void rejectsTriggerWithoutRecipientWith422() throws Exception {
        ObjectNode trigger = trigger(knownWorkflowId());
        trigger.remove("to");

        HttpResponse<String> response = postWithKey(StrictNovuStub.TRIGGER_PATH, trigger.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        assertThat(JSON.readTree(response.body()).path("statusCode").asInt()).isEqualTo(422);
    }

    @Test
    void rejectsMalformedJsonWith400() throws Exception {
        HttpResponse<String> response = postWithKey(StrictNovuStub.TRIGGER_PATH, "{\"name\": \"email-verif");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("statusCode").asInt()).isEqualTo(400);
        assertThat(body.path("message").asText()).isNotBlank();
    }

    @Test
    void answersBulkInRequestOrderReportingFailedEventsPerElement() throws Exception {
        String first = "contract-" + UUID.randomUUID();
        String failing = "contract-" + UUID.randomUUID();
        String last = "contract-" + UUID.randomUUID();
        ObjectNode bulk = JSON.createObjectNode();
        ArrayNode events = bulk.putArray("events");
        events.add(trigger(knownWorkflowId()).put("transactionId", first));
        events.add(trigger(unknownWorkflowId()).put("transactionId", failing));
        events.add(trigger(knownWorkflowId()).put("transactionId", last));

        HttpResponse<String> response = postWithKey(StrictNovuStub.BULK_PATH, bulk.toString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        JsonNode data = JSON.readTree(response.body()).path("data");
        assertThat(data.isArray()).isTrue();
        assertThat(data).hasSize(3);
        assertThat(data.get(0).path("status").asText()).isEqualTo("processed");
        assertThat(data.get(0).path("transactionId").asText()).isEqualTo(first);
        assertThat(data.get(1).path("acknowledged").asBoolean()).isTrue();
        assertThat(data.get(1).path("status").asText()).isEqualTo("error");
        assertThat(data.get(1).path("error").isArray()).isTrue();
        assertThat(data.get(1).path("error").get(0).asText()).isEqualTo("workflow_not_found");
        assertThat(data.get(1).path("transactionId").asText()).isEqualTo(failing);
        assertThat(data.get(2).path("status").asText()).isEqualTo("processed");
        assertThat(data.get(2).path("transactionId").asText()).isEqualTo(last);
    }

    @Test
    void rejectsBulkWithMoreThan100EventsWith422() throws Exception {
        ObjectNode bulk = JSON.createObjectNode();
        ArrayNode events = bulk.putArray("events");
        for (int i = 0; i < 101; i++) {
            events.add(trigger(knownWorkflowId()).put("transactionId", "contract-" + UUID.randomUUID()));
        }

        HttpResponse<String> response = postWithKey(StrictNovuStub.BULK_PATH, bulk.toString());

        assertNovuError(response, 422, StrictNovuStub.BULK_PATH, null);
        assertThat(JSON.readTree(response.body())
                        .path("errors")
                        .path("events")
                        .path("messages")
                        .path(0)
                        .asText())
                .isEqualTo("events must contain no more than 100 elements");
    }

    @Test
    void rejectsEmptyBulkWith422() throws Exception {
        HttpResponse<String> response = postWithKey(StrictNovuStub.BULK_PATH, "{\"events\":[]}");

        assertNovuError(response, 422, StrictNovuStub.BULK_PATH, null);
    }

    /** Runs only when the subclass says Idempotency-Key handling is on. */
    @Nested
    class WithIdempotencyEnabled {

        @BeforeEach
        void requireIdempotency() {
            Assumptions.assumeTrue(idempotencyEnabled(), "Idempotency-Key handling is off for this implementation");
        }

        @Test
        void replaysRepeatedKeyWithSameBody() throws Exception {
            String key = "contract-" + UUID.randomUUID();
            String body = trigger(knownWorkflowId()).put("transactionId", key).toString();

            HttpResponse<String> first = postWithIdempotencyKey(StrictNovuStub.TRIGGER_PATH, body, key);
            HttpResponse<String> repeat = postWithIdempotencyKey(StrictNovuStub.TRIGGER_PATH, body, key);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            assertThat(first.headers().firstValue("Idempotency-Replay")).isEmpty();
            assertThat(repeat.statusCode()).isEqualTo(201);
            assertThat(repeat.headers().firstValue("Idempotency-Replay")).contains("true");
            assertThat(JSON.readTree(repeat.body())).isEqualTo(JSON.readTree(first.body()));
        }

        @Test
        void rejectsRepeatedKeyWithDifferentBodyWith422() throws Exception {
            String key = "contract-" + UUID.randomUUID();
            String body = trigger(knownWorkflowId()).put("transactionId", key).toString();
            String otherBody = trigger(knownWorkflowId())
                    .put("transactionId", key + "-other")
                    .toString();

            HttpResponse<String> first = postWithIdempotencyKey(StrictNovuStub.TRIGGER_PATH, body, key);
            HttpResponse<String> reused = postWithIdempotencyKey(StrictNovuStub.TRIGGER_PATH, otherBody, key);

            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
            assertNovuError(reused, 422, StrictNovuStub.TRIGGER_PATH, null);
            assertThat(JSON.readTree(reused.body()).path("message").asText())
                    .contains(key)
                    .contains("different body");
        }
    }

    /**
     * {@code GET /v1/messages} answers a delivered message in the shape Novu's SDKs parse: {@code @novu/api} 3.x
     * ({@code novu.messages.retrieve}) validates the answer against Novu's {@code MessageResponseDto} and
     * {@code SubscriberResponseDto} and rejects it if a required field is missing or of another type.
     */
    @Test
    void listsTriggeredMessageByTransactionIdInTheShapeNovuSdksParse() throws Exception {
        String transactionId = "contract-" + UUID.randomUUID();
        ObjectNode trigger = trigger(knownWorkflowId()).put("transactionId", transactionId);
        assertThat(postWithKey(StrictNovuStub.TRIGGER_PATH, trigger.toString()).statusCode())
                .isEqualTo(201);
        String query =
                StrictNovuStub.MESSAGES_PATH + "?transactionId=" + transactionId + "&channel=email&page=0&limit=10";

        JsonNode page = Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> JSON.readTree(get(query).body()),
                        body -> body.path("data").size() == 1);

        assertThat(page.path("page").isNumber()).as(page.toString()).isTrue();
        assertThat(page.path("pageSize").isNumber()).as(page.toString()).isTrue();
        assertThat(page.path("hasMore").isBoolean()).as(page.toString()).isTrue();
        assertOptional(page, "totalCount", JsonNode::isNumber);
        JsonNode message = page.path("data").get(0);
        String shown = message.toString();
        for (String field : new String[] {
            "_environmentId",
            "_organizationId",
            "_notificationId",
            "_subscriberId",
            "transactionId",
            "createdAt",
            "updatedAt"
        }) {
            assertThat(message.path(field).isTextual())
                    .as(field + " in " + shown)
                    .isTrue();
        }
        assertThat(message.path("transactionId").asText()).isEqualTo(transactionId);
        assertThat(message.path("channel").asText()).isEqualTo("email");
        assertThat(message.path("read").isBoolean()).as("read in " + shown).isTrue();
        assertThat(message.path("seen").isBoolean()).as("seen in " + shown).isTrue();
        assertThat(message.path("cta").isObject()).as("cta in " + shown).isTrue();
        assertOptional(message.path("cta"), "data", JsonNode::isObject);
        assertOptional(message.path("cta"), "type", JsonNode::isTextual);
        assertThat(message.path("status").asText()).isIn("sent", "error", "warning");
        for (String field : new String[] {
            "_id",
            "templateIdentifier",
            "subject",
            "email",
            "providerId",
            "errorId",
            "errorText",
            "lastSeenDate",
            "lastReadDate",
            "title",
            "phone"
        }) {
            assertOptional(message, field, JsonNode::isTextual);
        }
        for (String field : new String[] {"_templateId", "_messageTemplateId", "_feedId"}) {
            assertOptional(message, field, node -> node.isTextual() || node.isNull());
        }
        assertOptional(message, "content", node -> node.isTextual() || node.isArray() || node.isNull());
        assertOptional(message, "payload", JsonNode::isObject);
        assertOptional(message, "overrides", JsonNode::isObject);
        assertOptional(message, "deliveredAt", node -> node.isArray() && allTextual(node));
        assertOptional(message, "deviceTokens", node -> node.isArray() && allTextual(node));
        if (message.has("subscriber")) {
            JsonNode subscriber = message.path("subscriber");
            for (String field :
                    new String[] {"_environmentId", "_organizationId", "subscriberId", "createdAt", "updatedAt"}) {
                assertThat(subscriber.path(field).isTextual())
                        .as("subscriber." + field + " in " + shown)
                        .isTrue();
            }
            assertThat(subscriber.path("deleted").isBoolean())
                    .as("subscriber.deleted in " + shown)
                    .isTrue();
            assertThat(subscriber.path("subscriberId").asText())
                    .isEqualTo(trigger.path("to").path("subscriberId").asText());
            for (String field :
                    new String[] {"_id", "avatar", "email", "firstName", "lastName", "lastOnlineAt", "locale", "phone"
                    }) {
                // Optional, but never null: the SDK's schema takes a string or nothing.
                assertOptional(subscriber, field, JsonNode::isTextual);
            }
            assertOptional(subscriber, "isOnline", JsonNode::isBoolean);
            assertOptional(subscriber, "channels", JsonNode::isArray);
            assertOptional(subscriber, "__v", JsonNode::isNumber);
        }
    }

    private static void assertOptional(JsonNode object, String field, java.util.function.Predicate<JsonNode> type) {
        if (object.has(field)) {
            assertThat(type.test(object.get(field)))
                    .as(field + " has the wrong type in " + object)
                    .isTrue();
        }
    }

    private static boolean allTextual(JsonNode array) {
        for (JsonNode element : array) {
            if (!element.isTextual()) {
                return false;
            }
        }
        return true;
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl() + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "ApiKey " + validApiKey())
                .GET()
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A trigger body for the workflow with a fresh subscriber and {@link #validPayload()}. */
    protected ObjectNode trigger(String workflowId) {
        String subscriber = "contract-" + UUID.randomUUID();
        ObjectNode trigger = JSON.createObjectNode();
        trigger.put("name", workflowId);
        ObjectNode to = trigger.putObject("to");
        to.put("subscriberId", subscriber);
        to.put("email", subscriber + "@example.test");
        trigger.set("payload", JSON.valueToTree(validPayload()));
        return trigger;
    }

    private static String unknownWorkflowId() {
        return "no-such-workflow-" + UUID.randomUUID();
    }

    private HttpResponse<String> postWithKey(String path, String body) throws IOException, InterruptedException {
        return post(path, "ApiKey " + validApiKey(), body);
    }

    private HttpResponse<String> postWithIdempotencyKey(String path, String body, String key)
            throws IOException, InterruptedException {
        HttpRequest request = request(path, "ApiKey " + validApiKey(), body)
                .header("Idempotency-Key", key)
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(String path, String authorization, String body)
            throws IOException, InterruptedException {
        return HTTP.send(
                request(path, authorization, body).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    private HttpRequest.Builder request(String path, String authorization, String body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    /** Asserts Novu's error body shape {@code {statusCode, timestamp, path, message}}; message checked if given. */
    private static void assertNovuError(HttpResponse<String> response, int status, String path, String message)
            throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("statusCode").asInt()).as(response.body()).isEqualTo(status);
        assertThat(body.path("timestamp").asText()).as(response.body()).isNotBlank();
        assertThat(body.path("path").asText()).as(response.body()).isEqualTo(path);
        assertThat(body.path("message").isMissingNode()).as(response.body()).isFalse();
        if (message != null) {
            assertThat(body.path("message").asText()).isEqualTo(message);
        }
    }
}
