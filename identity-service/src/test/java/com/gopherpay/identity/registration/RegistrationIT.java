package com.gopherpay.identity.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import com.gopherpay.identity.TopicReader;
import com.gopherpay.identity.outbox.OutboxMessages;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class RegistrationIT extends IdentityServiceTestBase {

    @Autowired
    OutboxMessages outboxMessages;

    @Test
    void registersAPendingUserAndAnswersWithTheAccountAndTokenExpiry() {
        String email = Api.uniqueEmail("Created");
        Api.Response response = api().post("/auth/register", Api.registration(email));

        assertThat(response.status()).as(response.body()).isEqualTo(201);
        JsonNode body = response.json();
        // Nothing read from the stored account, nothing finer than the second: see the hidden-duplicate test.
        assertThat(fieldNames(body)).containsExactly("email", "fullName", "status", "locale", "timeZone", "expiresAt");
        assertThat(response.header("Location")).isNull();
        String id = userIdOf(email);
        assertThat(UUID.fromString(id).version()).isEqualTo(7);
        assertThat(body.get("email").asString()).isEqualTo(email);
        assertThat(body.get("fullName").asString()).isEqualTo("Ada Lovelace");
        assertThat(body.get("status").asString()).isEqualTo("PENDING_VERIFICATION");
        assertThat(Instant.parse(body.get("expiresAt").asString()))
                .isBetween(
                        clock.instant().plus(Duration.ofMinutes(59)),
                        clock.instant().plus(Duration.ofMinutes(61)));
        assertThat(response.body()).doesNotContainIgnoringCase("password").doesNotContain("argon2");

        UUID userId = UUID.fromString(id);
        Map<String, Object> user = jdbc.sql(
                        "SELECT status, email_canonical, password_hash FROM identity.users WHERE id = ?")
                .param(userId)
                .query()
                .singleRow();
        assertThat(user.get("status")).isEqualTo("PENDING_VERIFICATION");
        assertThat(user.get("email_canonical")).isEqualTo(email.toLowerCase());
        assertThat((String) user.get("password_hash")).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        Map<String, Object> settings = jdbc.sql(
                        "SELECT locale, time_zone, marketing_opt_in, mfa_enabled FROM identity.user_settings WHERE user_id = ?")
                .param(userId)
                .query()
                .singleRow();
        assertThat(settings)
                .containsEntry("locale", "en")
                .containsEntry("time_zone", "UTC")
                .containsEntry("marketing_opt_in", false)
                .containsEntry("mfa_enabled", false);
        assertThat(jdbc.sql("SELECT count(*) FROM identity.email_verifications WHERE user_id = ? AND used_at IS NULL")
                        .param(userId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void publishesTheVerificationTriggerWithExactKeyValueAndHeadersAndThenForgetsIt() throws Exception {
        String email = Api.uniqueEmail("Kafka");
        Api.Response response = api().post(
                        "/auth/register",
                        Map.of(
                                "email", "  " + email + " ",
                                "password", "violet-Harbour-93-kite",
                                "confirmPassword", "violet-Harbour-93-kite",
                                "fullName", "Grace Brewster Hopper",
                                "timeZone", "Europe/Berlin"));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String userId = userIdOf(email);
        String expiresAt = response.json().get("expiresAt").asString();

        List<ConsumerRecord<String, String>> records = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> TopicReader.read(bootstrapServers(), TOPIC, r -> userId.equals(r.key())),
                        r -> !r.isEmpty());
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.get(0);
        String eventId = TopicReader.header(record, "event-id");
        assertThat(TopicReader.header(record, "event-type")).isEqualTo("UserRegistered");
        assertThat(UUID.fromString(eventId).version()).isEqualTo(7);
        assertThat(record.value()).doesNotContainIgnoringCase("password").doesNotContain("argon2");

        JsonNode value = Api.JSON.readTree(record.value());
        String link = value.get("payload").get("verificationLink").asString();
        assertThat(link).matches("\\Q" + PUBLIC_BASE_URL + "/verify-email?token=\\E[A-Za-z0-9_-]{43}");
        String token = link.substring(link.indexOf("token=") + 6);
        String expected =
                "{\"name\":\"email-verification\",\"to\":{\"subscriberId\":\"" + userId + "\",\"email\":\"" + email
                        + "\",\"firstName\":\"Grace\",\"lastName\":\"Brewster Hopper\"},\"payload\":{\"verificationLink\":\""
                        + PUBLIC_BASE_URL + "/verify-email?token=" + token + "\",\"expiresAt\":\"" + expiresAt
                        + "\"},\"transactionId\":\"" + eventId + "\"}";
        assertThat(record.value()).isEqualTo(expected);

        // Only the token's hash is stored, and the outbox row (which held the raw link) is gone once acknowledged.
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM identity.email_verifications WHERE token_hash = sha256(convert_to(?, 'UTF8'))")
                        .param(token)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxMessages.pendingFor(userId) == 0);
        assertThat(jdbc.sql("SELECT time_zone FROM identity.user_settings WHERE user_id = ?::uuid")
                        .param(userId)
                        .query(String.class)
                        .single())
                .isEqualTo("Europe/Berlin");
    }

    @Test
    void carriesTheCallersTraceContextIntoTheRecord() {
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        String email = Api.uniqueEmail("traced");
        Api.Response response = api().send(
                        "/auth/register",
                        "application/json",
                        Api.JSON.writeValueAsString(Api.registration(email)),
                        Api.randomClientIp(),
                        Map.of("traceparent", traceparent));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        String userId = userIdOf(email);

        List<ConsumerRecord<String, String>> records =
                await().atMost(Duration.ofSeconds(30)).until(() -> recordsFor(userId), r -> !r.isEmpty());
        assertThat(TopicReader.header(records.get(0), "traceparent")).isEqualTo(traceparent);
    }

    @Test
    void rejectsDuplicateEmailIgnoringCase() {
        String email = Api.uniqueEmail("dup");
        assertThat(api().post("/auth/register", Api.registration(email)).status())
                .isEqualTo(201);

        Api.Response duplicate = api().post("/auth/register", Api.registration(" " + email.toUpperCase() + " "));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = duplicate.json();
        assertThat(problem.get("type").asString()).isEqualTo("https://gopherpay.dev/problems/email-already-registered");
        assertThat(problem.get("code").asString()).isEqualTo("email-already-registered");
        assertThat(problem.get("status").asInt()).isEqualTo(409);
        assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("email");
    }

    @Test
    void concurrentRegistrationsOfOneEmailGiveExactlyOneCreatedAndConflictsForTheRest() throws Exception {
        String email = Api.uniqueEmail("race");
        int attempts = 32;
        ExecutorService pool = Executors.newFixedThreadPool(attempts);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < attempts; i++) {
                Api api = api();
                results.add(pool.submit(() -> {
                    start.await();
                    return api.post("/auth/register", Api.registration(email)).status();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).filteredOn(s -> s == 201).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 409).hasSize(attempts - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM identity.users WHERE email_canonical = ?")
                        .param(email.toLowerCase())
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void unicodeAndALabelSpellingsOfADomainAreOneAccountStoredAndMailedInAsciiForm() {
        String local = "idn-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Response created = api().post("/auth/register", Api.registration(local + "@bücher.test"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("email").asString()).isEqualTo(local + "@xn--bcher-kva.test");

        Api.Response duplicate =
                api().post("/auth/register", Api.registration(local.toUpperCase() + "@XN--BCHER-KVA.test"));

        assertThat(duplicate.status()).isEqualTo(409);
        String userId = userIdOf(local + "@xn--bcher-kva.test");
        assertThat(jdbc.sql("SELECT email FROM identity.users WHERE id = ?::uuid")
                        .param(userId)
                        .query(String.class)
                        .single())
                .isEqualTo(local + "@xn--bcher-kva.test");
        String value = await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsFor(userId), r -> !r.isEmpty())
                .get(0)
                .value();
        assertThat(Api.JSON.readTree(value).get("to").get("email").asString()).isEqualTo(local + "@xn--bcher-kva.test");
    }

    @Test
    void refusesNonAsciiLocalPartsAndInvisibleCharactersInNamesWithClearMessages() {
        Api.Response unicodeLocal = api().post("/auth/register", Api.registration("jürgen@example.com"));
        Map<String, Object> hiddenText = new java.util.HashMap<>(Api.registration(Api.uniqueEmail("bidi")));
        hiddenText.put("fullName", "Ada \u202Enimda");

        Api.Response bidi = api().post("/auth/register", hiddenText);

        assertThat(unicodeLocal.status()).isEqualTo(400);
        assertThat(unicodeLocal.json().get("errors").get(0).get("field").asString())
                .isEqualTo("email");
        assertThat(unicodeLocal.json().get("errors").get(0).get("message").asString())
                .contains("before the @");
        assertThat(bidi.status()).isEqualTo(400);
        assertThat(bidi.json().get("errors").get(0).get("field").asString()).isEqualTo("fullName");
        assertThat(bidi.json().get("errors").get(0).get("message").asString()).contains("invisible characters");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }

    @Test
    void limitsRegistrationsPerClientAddressWithRetryAfter() {
        String ip = Api.randomClientIp();
        Map<String, Object> invalid = Map.of("email", "not-an-email");
        for (int i = 0; i < 20; i++) {
            assertThat(api().post("/auth/register", invalid, ip).status()).isEqualTo(400);
        }

        Api.Response limited = api().post("/auth/register", Api.registration(Api.uniqueEmail("limited")), ip);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Content-Type")).startsWith("application/problem+json");
        assertThat(limited.json().get("code").asString()).isEqualTo("rate-limited");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 3600); // within the 1 h period
        assertThat(api().post("/auth/register", Api.registration(Api.uniqueEmail("other")))
                        .status())
                .isEqualTo(201);
    }
}
