package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RawHttp;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SharedService;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API answered status by status as Novu answers it, and the email that a 201 promises. */
class TriggerApiIT {

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
                verificationTrigger(transactionId, UUID.randomUUID().toString(), email, link));

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
    void listsDeliveredMessageByTransactionIdInNovuShape() throws Exception {
        String email = "grace-" + UUID.randomUUID() + "@example.test";
        String transactionId = UUID.randomUUID().toString();
        String subscriberId = UUID.randomUUID().toString();
        service.post(
                "/v1/events/trigger",
                verificationTrigger(
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
    void answersUnservableAcceptHeaderWith406InNovuErrorBody() throws Exception {
        HttpResponse<String> response = service.get("/v1/messages?limit=5", "Accept", "text/html");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(406);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("statusCode").asInt()).isEqualTo(406);
        assertThat(error.path("path").asString()).isEqualTo("/v1/messages?limit=5");
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.has("errorId")).isFalse();
    }

    @Test
    void answersUnsupportedMethodWith405NamingTheAllowedOnes() throws Exception {
        HttpResponse<String> response = service.request("DELETE", "/v1/events/trigger", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        assertThat(JSON.readTree(response.body()).path("statusCode").asInt()).isEqualTo(405);
    }

    @Test
    void answersMalformedQueryParameterWith400() throws Exception {
        HttpResponse<String> response = service.get("/v1/messages?page=first");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("statusCode").asInt()).isEqualTo(400);
    }

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
                .doesNotContain("Reset it here");
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
        String body = verificationTrigger(transactionId, "nul-" + UUID.randomUUID(), "nul@example.test", "http://h/v")
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
        String body = verificationTrigger("t".repeat(256), "s".repeat(3000), "long@example.test", "http://h/v")
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
                verificationTrigger(transactionId, subscriberId, "wide@example.test", "http://h/v"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(service.messageStatus(transactionId)).isNotNull();
    }

    @Test
    void rejectsAWholeBulkRequestWithAnInvalidEventBeforeAcceptingAnyOfIt() throws Exception {
        String valid = UUID.randomUUID().toString();
        String body = "{\"events\":["
                + verificationTrigger(valid, UUID.randomUUID().toString(), "bulk-ok@example.test", "http://h/v") + ","
                + verificationTrigger("x".repeat(300), "s", "bulk-bad@example.test", "http://h/v") + "]}";

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
            String body = verificationTrigger(transactionId, UUID.randomUUID().toString(), "EMAIL", "http://h/v")
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
                verificationTrigger(
                        UUID.randomUUID().toString(), UUID.randomUUID().toString(), email, "http://h/v"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
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

    @Test
    void releasesTheIdempotencyKeyOfAServerErrorSoTheRetryRunsAgain() throws Exception {
        String transactionId = "refused-" + UUID.randomUUID();
        String key = "retry-after-500-" + UUID.randomUUID();
        String body = verificationTrigger(transactionId, UUID.randomUUID().toString(), "r@example.test", "http://h/v");
        // A database that refuses the write, as one that is failing over would.
        service.jdbc()
                .sql("ALTER TABLE triggers ADD CONSTRAINT refuse_for_test CHECK (transaction_id NOT LIKE 'refused-%')")
                .update();
        HttpResponse<String> failed;
        try {
            failed = service.post("/v1/events/trigger", body, "Idempotency-Key", key);
        } finally {
            service.jdbc()
                    .sql("ALTER TABLE triggers DROP CONSTRAINT refuse_for_test")
                    .update();
        }

        HttpResponse<String> retried = service.post("/v1/events/trigger", body, "Idempotency-Key", key);
        HttpResponse<String> repeated = service.post("/v1/events/trigger", body, "Idempotency-Key", key);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotency-Replay")).isEmpty();
        assertThat(repeated.statusCode()).isEqualTo(201);
        assertThat(repeated.headers().firstValue("Idempotency-Replay")).contains("true");
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
    void answersBodyOverTheLimitWith413WithoutWaitingForIt() {
        // Only the headers are sent: the server must refuse on the declared length, and the test never races the
        // server closing the connection under a 27 MB upload (which made a real upload flaky here).
        int status = RawHttp.status(
                service.baseUrl(),
                "POST /v1/events/trigger HTTP/1.1\r\nContent-Type: application/json\r\nAuthorization: ApiKey "
                        + RunningService.API_KEY + "\r\nContent-Length: " + 27 * 1024 * 1024,
                out -> {});

        assertThat(status).isEqualTo(413);
    }

    @Test
    void refusesUnauthenticatedUploadBeforeInvitingItWith100Continue() {
        int status = RawHttp.status(
                service.baseUrl(),
                "POST /v1/events/trigger HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 1000"
                        + "\r\nExpect: 100-continue",
                out -> {});

        assertThat(status).isEqualTo(401);
    }

    @Test
    void answersDeclaredOversizedBodyWith413EvenBeforeAuthentication() {
        int status = RawHttp.status(
                service.baseUrl(),
                "POST /v1/events/trigger HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
                        + 27 * 1024 * 1024,
                out -> {});

        assertThat(status).isEqualTo(413);
    }

    @Test
    void answersUnauthenticatedChunkedBodyWith401WithoutWaitingForIt() {
        // The body is never finished: only a server that does not read it before authenticating can answer.
        int status = RawHttp.status(
                service.baseUrl(),
                "POST /v1/events/trigger HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                out -> out.write(
                        "400\r\n".concat("{".repeat(0x400)).concat("\r\n").getBytes(StandardCharsets.US_ASCII)));

        assertThat(status).isEqualTo(401);
    }

    @Test
    void answersAuthenticatedChunkedBodyOverTheLimitWith413() {
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        long limit = 26L * 1024 * 1024;
        int status = RawHttp.status(
                service.baseUrl(),
                "POST /v1/events/trigger HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked"
                        + "\r\nAuthorization: ApiKey " + RunningService.API_KEY,
                out -> {
                    for (long sent = 0; sent <= limit; sent += chunk.length) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });

        assertThat(status).isEqualTo(413);
    }

    @Test
    void acknowledgesTenantTriggerAsNoTenantFoundWithoutSending() throws Exception {
        String email = "tenant-" + UUID.randomUUID() + "@example.test";
        String transactionId = UUID.randomUUID().toString();
        String body = verificationTrigger(
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

    @Test
    void updatesSubscriberJustInTimeKeepingAbsentFields() throws Exception {
        String subscriberId = UUID.randomUUID().toString();
        String email = "jit-" + UUID.randomUUID() + "@example.test";
        service.post(
                "/v1/events/trigger",
                verificationTrigger(
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

    /** One bulk request, one subscriber, two events writing different fields: both land, in request order. */
    @Test
    void upsertsOneSubscriberTwiceInOneBulkRequestWithDifferentFields() throws Exception {
        String subscriberId = UUID.randomUUID().toString();
        String email = "bulk-jit-" + UUID.randomUUID() + "@example.test";
        String first = verificationTrigger(UUID.randomUUID().toString(), subscriberId, email, "http://h/v?token=1");
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

    @Test
    void answersBulkPerEventWithPayloadErrorsInPlace() throws Exception {
        String ok = UUID.randomUUID().toString();
        String bad = UUID.randomUUID().toString();
        String body = "{\"events\":["
                + verificationTrigger(
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

    @Test
    void answersIdempotencyKeyStillInFlightWith409AndRetryAfter() throws Exception {
        String key = "in-flight-" + UUID.randomUUID();
        Instant now = Instant.now();
        service.jdbc()
                .sql("""
                        INSERT INTO idempotency_keys
                            (environment_id, idempotency_key, body_hash, completed, created_at, expires_at)
                        VALUES ('test', :key, 'unknown', FALSE, :now, :until)""")
                .param("key", key)
                .param("now", Timestamp.from(now))
                .param("until", Timestamp.from(now.plusSeconds(300)))
                .update();

        HttpResponse<String> response = service.post(
                "/v1/events/trigger",
                verificationTrigger(key, key, "flight@example.test", "http://h/verify-email?token=f"),
                "Idempotency-Key",
                key);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(JSON.readTree(response.body()).path("message").asString())
                .isEqualTo(
                        "Request with key \"" + key + "\" is currently being processed. Please retry after 1 second");
    }

    @Test
    void rejectsIdempotencyKeyLongerThan255With400() throws Exception {
        String key = "k".repeat(256);

        HttpResponse<String> response = service.post(
                "/v1/events/trigger",
                verificationTrigger("long", "long", "long@example.test", "http://h/verify-email?token=l"),
                "Idempotency-Key",
                key);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("message").asString())
                .contains("exceeded the maximum allowed length of 255 characters");
    }

    @Test
    void exposesHealthAndPrometheusMetricsOnTheManagementPort() {
        HttpResponse<String> health = RunningService.send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(service.managementUrl() + "/actuator/health"))
                        .build());
        HttpResponse<String> metrics = RunningService.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(service.managementUrl() + "/actuator/prometheus"))
                .build());

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("notification_messages_queued");
    }

    static String verificationTrigger(String transactionId, String subscriberId, String email, String link) {
        return """
                {"name":"email-verification",
                 "to":{"subscriberId":"%s","email":"%s","firstName":"Ada","lastName":"Lovelace"},
                 "payload":{"verificationLink":"%s","expiresAt":"2026-11-25T10:00:00Z"},
                 "transactionId":"%s"}""".formatted(subscriberId, email, link, transactionId);
    }
}
