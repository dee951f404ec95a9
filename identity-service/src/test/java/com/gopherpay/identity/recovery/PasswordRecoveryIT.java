package com.gopherpay.identity.recovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import com.gopherpay.identity.TopicReader;
import com.gopherpay.identity.outbox.OutboxMessages;
import com.gopherpay.identity.password.PasswordHasher;
import com.gopherpay.identity.sql.Timestamps;
import com.gopherpay.identity.user.PasswordChanged;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;

/** Forgot → email record → reset, against the running service with real PostgreSQL and Kafka. */
@ExtendWith(OutputCaptureExtension.class)
class PasswordRecoveryIT extends IdentityServiceTestBase {

    private static final String FORGOT = "/auth/password/forgot";
    private static final String RESET = "/auth/password/reset";
    private static final String NEW_PASSWORD = "marble-Orchard-58-lantern";

    @Autowired
    MeterRegistry meters;

    @Autowired
    PasswordHasher hasher;

    @Autowired
    OutboxMessages outboxMessages;

    @Autowired
    ConfigurableApplicationContext context;

    /** Every PasswordChanged published while a test runs, and whether it was inside a transaction. */
    private final List<Published> published = new CopyOnWriteArrayList<>();

    private ApplicationListener<PayloadApplicationEvent<PasswordChanged>> listener;

    record Published(PasswordChanged event, boolean inTransaction) {}

    @BeforeEach
    void listenForPasswordChanges() {
        listener = ApplicationListener.forPayload(event ->
                published.add(new Published(event, TransactionSynchronizationManager.isActualTransactionActive())));
        context.addApplicationListener(listener);
    }

    @AfterEach
    void stopListening() {
        context.removeApplicationListener(listener);
    }

    @Test
    void answersTheSameForUnknownPendingActiveAndUnparseableAddressesAndEmailsOnlyAccounts() {
        String pending = Api.uniqueEmail("forgot-pending");
        String pendingId = register(pending);
        String active = Api.uniqueEmail("forgot-active");
        String activeId = registerActive(active);

        List<Api.Response> answers = List.of(
                forgotAndAwaitHandling("nobody-" + UUID.randomUUID() + "@example.com"),
                forgotAndAwaitHandling(pending),
                forgotAndAwaitHandling(active.toUpperCase()),
                forgot("not an address"),
                forgot("nul\u0000@example.com"));

        for (Api.Response answer : answers) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
            assertThat(answer.body()).isEqualTo(answers.get(0).body());
            assertThat(answer.header("Content-Type")).isEqualTo(answers.get(0).header("Content-Type"));
            assertThat(answer.header("Content-Length")).isEqualTo(answers.get(0).header("Content-Length"));
        }
        assertThat(answers.get(0).json().get("message").asString())
                .isEqualTo("If this address belongs to an account, an email with a link to choose a new password is"
                        + " on its way.");

        String pendingToken = awaitResetToken(pendingId, 1);
        String activeToken = awaitResetToken(activeId, 1);
        assertThat(pendingToken).isNotEqualTo(activeToken);
        ConsumerRecord<String, String> record = resetRecords(activeId).get(0);
        assertThat(TopicReader.header(record, "event-type")).isEqualTo("PasswordResetRequested");
        JsonNode value = Api.JSON.readTree(record.value());
        assertThat(value.get("name").asString()).isEqualTo("password-reset");
        assertThat(value.get("to").get("subscriberId").asString()).isEqualTo(activeId);
        assertThat(value.get("to").get("email").asString()).isEqualTo(active);
        assertThat(value.get("payload").get("resetLink").asString())
                .isEqualTo(PUBLIC_BASE_URL + "/reset-password?token=" + activeToken);
        Instant expiresAt = Instant.parse(value.get("payload").get("expiresAt").asString());
        assertThat(expiresAt)
                .isEqualTo(clock.instant().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS));
        assertThat(value.get("transactionId").asString()).isEqualTo(TopicReader.header(record, "event-id"));
        // 32 random bytes, base64url; only its SHA-256 is stored.
        assertThat(activeToken).matches("[A-Za-z0-9_-]{43}");
        assertThat(jdbc.sql("SELECT count(*) FROM identity.password_resets"
                                + " WHERE token_hash = sha256(convert_to(?, 'UTF8')) AND user_id = ?::uuid")
                        .params(activeToken, activeId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
        // The pending account got a reset link, not another verification email.
        assertThat(recordsFor(pendingId))
                .extracting(r -> TopicReader.header(r, "event-type"))
                .containsExactly("UserRegistered", "PasswordResetRequested");
    }

    @Test
    void setsTheNewPasswordEndsTheOldOneAndSendsTheNotice() {
        String email = Api.uniqueEmail("reset");
        String userId = registerActive(email);
        forgotAndAwaitHandling(email);
        String token = awaitResetToken(userId, 1);

        Api.Response reset = reset(token, NEW_PASSWORD, NEW_PASSWORD);

        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        JsonNode body = reset.json();
        assertThat(body.get("message").asString()).isNotBlank();
        assertThat(body.get("emailVerified").asBoolean()).isTrue();
        assertThat(body.get("addressVerifiedNow").asBoolean()).isFalse();
        assertThat(reset.body())
                .doesNotContain(NEW_PASSWORD)
                .doesNotContain("argon2")
                .doesNotContain(token);
        String hash = storedHash(userId);
        assertThat(hasher.matches(Api.PASSWORD, hash)).as("the old password").isFalse();
        assertThat(hasher.matches(NEW_PASSWORD, hash)).as("the new password").isTrue();

        assertThat(published)
                .filteredOn(p -> p.event().userId().toString().equals(userId))
                .singleElement()
                .satisfies(p -> assertThat(p.inTransaction()).isTrue());

        ConsumerRecord<String, String> notice = await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOfType(userId, "PasswordChangedNoticeRequested"), list -> list.size() == 1)
                .get(0);
        JsonNode value = Api.JSON.readTree(notice.value());
        assertThat(value.get("name").asString()).isEqualTo("password-changed");
        assertThat(value.get("payload").get("resetLink").asString()).isEqualTo(PUBLIC_BASE_URL + "/forgot-password");
        assertThat(Instant.parse(value.get("payload").get("changedAt").asString()))
                .isEqualTo(published.get(0).event().changedAt());
        assertThat(notice.value()).doesNotContain(token);

        Api.Response again = reset(token, "another-Orchard-58-lantern", "another-Orchard-58-lantern");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().get("code").asString()).isEqualTo("reset-token-invalid");
        assertThat(again.json().get("type").asString()).isEqualTo("https://gopherpay.dev/problems/reset-token-invalid");
        assertThat(hasher.matches(NEW_PASSWORD, storedHash(userId))).isTrue();
    }

    @Test
    void resetOnAPendingAccountConfirmsTheAddressAndVoidsItsVerificationLink() {
        String email = Api.uniqueEmail("reset-pending");
        String userId = register(email);
        String verificationToken = awaitToken(userId, 1);
        forgotAndAwaitHandling(email);
        String token = awaitResetToken(userId, 1);

        Api.Response reset = reset(token, NEW_PASSWORD, NEW_PASSWORD);

        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(reset.json().get("emailVerified").asBoolean()).isTrue();
        assertThat(reset.json().get("addressVerifiedNow").asBoolean()).isTrue();
        assertThat(reset.json().get("message").asString()).contains("confirmed");
        assertThat(jdbc.sql("SELECT status FROM identity.users WHERE id = ?::uuid AND email_verified_at IS NOT NULL")
                        .param(userId)
                        .query(String.class)
                        .single())
                .isEqualTo("ACTIVE");
        Api.Response verify =
                api().post("/auth/verify-email", Map.of("token", verificationToken, "password", NEW_PASSWORD));
        assertThat(verify.status()).isEqualTo(400);
        assertThat(verify.json().get("code").asString()).isEqualTo("token-invalid");
    }

    @Test
    void aNewPasswordSetWhileConfirmingTheAddressIsAPasswordChangeAndVoidsResetLinks() {
        String email = Api.uniqueEmail("verify-new-password");
        String userId = register(email);
        String verificationToken = awaitToken(userId, 1);
        forgotAndAwaitHandling(email);
        String resetToken = awaitResetToken(userId, 1);

        Api.Response verified =
                api().post("/auth/verify-email", Map.of("token", verificationToken, "newPassword", NEW_PASSWORD));

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(published)
                .filteredOn(p -> p.event().userId().toString().equals(userId))
                .singleElement()
                .satisfies(p -> assertThat(p.inTransaction()).isTrue());
        Api.Response reset = reset(resetToken, "another-Orchard-58-lantern", "another-Orchard-58-lantern");
        assertThat(reset.status()).isEqualTo(400);
        assertThat(reset.json().get("code").asString()).isEqualTo("reset-token-invalid");
        assertThat(hasher.matches(NEW_PASSWORD, storedHash(userId))).isTrue();
    }

    @Test
    void answersGoneWithAHintOnceTheLinkHasExpired() {
        String email = Api.uniqueEmail("reset-expired");
        String userId = registerActive(email);
        forgotAndAwaitHandling(email);
        String token = awaitResetToken(userId, 1);
        String before = storedHash(userId);

        clock.advance(Duration.ofMinutes(31));
        Api.Response response = reset(token, NEW_PASSWORD, NEW_PASSWORD);

        assertThat(response.status()).as(response.body()).isEqualTo(410);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asString()).isEqualTo("reset-token-expired");
        assertThat(problem.get("forgotPasswordPage").asString()).isEqualTo("/forgot-password");
        assertThat(problem.get("forgotUri").asString()).isEqualTo("/auth/password/forgot");
        assertThat(problem.get("detail").asString()).contains("/forgot-password");
        assertThat(storedHash(userId)).isEqualTo(before);
        assertThat(published).isEmpty();
    }

    @Test
    void refusesAnUnknownTokenWithoutHashing() {
        Api.Response response = reset("bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtbm8tbm8tbm8", NEW_PASSWORD, "differs");

        // The token is checked first: a dead link gets its answer, not the password's problems.
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("reset-token-invalid");
    }

    @Test
    void keepsAtMostThreeLinksLiveAndANewPasswordVoidsTheRest() {
        String email = Api.uniqueEmail("reset-three");
        String userId = registerActive(email);
        List<String> tokens = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            clock.advance(Duration.ofSeconds(61));
            forgotAndAwaitHandling(email);
            tokens.add(awaitResetToken(userId, i));
        }
        assertThat(liveTokens(userId)).isEqualTo(3);

        Api.Response oldest = reset(tokens.get(0), NEW_PASSWORD, NEW_PASSWORD);
        assertThat(oldest.status()).isEqualTo(400);
        assertThat(oldest.json().get("code").asString()).isEqualTo("reset-token-invalid");

        assertThat(reset(tokens.get(2), NEW_PASSWORD, NEW_PASSWORD).status()).isEqualTo(200);
        assertThat(liveTokens(userId)).isZero();
        for (String other : List.of(tokens.get(1), tokens.get(3))) {
            Api.Response response = reset(other, "another-Orchard-58-lantern", "another-Orchard-58-lantern");
            assertThat(response.status()).isEqualTo(400);
            assertThat(response.json().get("code").asString()).isEqualTo("reset-token-invalid");
        }
    }

    @Test
    void appliesTheRegistrationPasswordRulesAndKeepsTheLinkUsable() {
        String email = Api.uniqueEmail("rules");
        String userId = registerActive(email);
        forgotAndAwaitHandling(email);
        String token = awaitResetToken(userId, 1);
        String localPart = email.substring(0, email.indexOf('@'));

        assertFieldError(reset(token, "short-one", "short-one"), "password", "Use at least 15 characters.");
        assertFieldError(
                reset(token, "AdaLovelace-58-lantern", "AdaLovelace-58-lantern"),
                "password",
                "Don't use your name in your password.");
        assertFieldError(
                reset(token, localPart + "-58-lantern", localPart + "-58-lantern"),
                "password",
                "Don't use your email address in your password.");
        assertFieldError(
                reset(token, NEW_PASSWORD, NEW_PASSWORD + "x"), "confirmPassword", "The passwords do not match.");
        assertFieldError(reset(token, NEW_PASSWORD, ""), "confirmPassword", "Enter your new password again.");
        assertThat(hasher.matches(Api.PASSWORD, storedHash(userId))).isTrue();

        // Full-width letters fold under NFKC, as at registration: the confirmation matches.
        Api.Response reset = reset(token, NEW_PASSWORD, NEW_PASSWORD.replace("Orchard", "Ｏｒｃｈａｒｄ"));
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(hasher.matches(NEW_PASSWORD, storedHash(userId))).isTrue();
    }

    @Test
    void sendsAtMostFiveLinksPerHourAndNoneWithinTheCooldown() {
        String email = Api.uniqueEmail("forgot-hourly");
        String userId = registerActive(email);
        forgotAndAwaitHandling(email);
        awaitResetToken(userId, 1);
        forgotAndAwaitHandling(email); // within the cooldown: accepted, nothing sent
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofSeconds(61));
            assertThat(forgotAndAwaitHandling(email).status()).isEqualTo(202);
        }
        awaitResetToken(userId, 5);
        // Once the user's outbox is drained, everything that was ever queued has been published.
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxMessages.pendingFor(userId) == 0);
        assertThat(resetRecords(userId)).hasSize(5);
        assertThat(jdbc.sql("SELECT count(*) FROM identity.password_resets WHERE user_id = ?::uuid")
                        .param(userId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);

        clock.advance(Duration.ofMinutes(61));
        forgotAndAwaitHandling(email);
        awaitResetToken(userId, 6);
    }

    @Test
    void usesALinkOnceWhenResetsRace() throws Exception {
        String email = Api.uniqueEmail("reset-race");
        String userId = registerActive(email);
        forgotAndAwaitHandling(email);
        String token = awaitResetToken(userId, 1);
        int racers = 4;
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (int i = 0; i < racers; i++) {
                String password = NEW_PASSWORD + "-" + i;
                Api api = api();
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post(RESET, Map.of("token", token, "password", password, "confirmPassword", password));
                }));
            }
            start.countDown();
            List<Api.Response> responses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                responses.add(answer.get(60, TimeUnit.SECONDS));
            }
            assertThat(responses).filteredOn(r -> r.status() == 200).hasSize(1);
            assertThat(responses)
                    .filteredOn(r -> r.status() != 200)
                    .hasSize(racers - 1)
                    .allSatisfy(r -> {
                        assertThat(r.status()).isEqualTo(400);
                        assertThat(r.json().get("code").asString()).isEqualTo("reset-token-invalid");
                    });
        } finally {
            pool.shutdownNow();
        }
        assertThat(published)
                .filteredOn(p -> p.event().userId().toString().equals(userId))
                .hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxMessages.pendingFor(userId) == 0);
        assertThat(recordsOfType(userId, "PasswordChangedNoticeRequested")).hasSize(1);
    }

    @Test
    void answersMalformedRequestsWithAProblemNeverA500() {
        String ip = Api.randomClientIp();
        List<Api.Response> answers = List.of(
                api().send(FORGOT, "application/json", "{", ip),
                api().send(FORGOT, "application/json", "[]", ip),
                api().send(FORGOT, "application/json", "null", ip),
                api().send(FORGOT, "application/json", "{}", ip),
                api().send(FORGOT, "application/json", "{\"email\":{\"a\":1}}", ip),
                api().send(FORGOT, "application/json", "{\"email\":\"" + "a".repeat(400) + "@example.com\"}", ip),
                api().send(FORGOT, "text/plain", "ada@example.com", ip),
                api().send(RESET, "application/json", "{", ip),
                api().send(RESET, "application/json", "{}", ip),
                api().send(RESET, "application/json", "{\"token\":[1],\"password\":\"x\"}", ip),
                api().send(RESET, "application/json", "{\"token\":\"" + "t".repeat(300) + "\"}", ip),
                api().send(
                                RESET,
                                "application/json",
                                "{\"token\":\"abc\",\"password\":\"" + "p".repeat(2000) + "\"}",
                                ip),
                api().send(RESET, "application/json", "{\"token\":\"a\\u0000b\",\"password\":\"x\"}", ip));

        for (Api.Response answer : answers) {
            assertThat(answer.status()).as(answer.body()).isBetween(400, 499);
            assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
            assertThat(answer.json().get("code").asString()).isNotBlank();
        }
        assertThat(answers.get(3).json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(answers.get(3).json().get("errors").get(0).get("field").asString())
                .isEqualTo("email");
        assertThat(answers.get(8).json().get("errors").get(0).get("field").asString())
                .isEqualTo("token");
        assertThat(answers.get(12).json().get("code").asString()).isEqualTo("reset-token-invalid");
    }

    @Test
    void neverLogsATokenOrALink(CapturedOutput output) {
        String email = Api.uniqueEmail("reset-logs");
        String userId = registerActive(email);
        forgotAndAwaitHandling(email);
        String token = awaitResetToken(userId, 1);
        reset(token, "short", "short");
        reset(token, NEW_PASSWORD, NEW_PASSWORD);
        reset(token, NEW_PASSWORD, NEW_PASSWORD);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> recordsOfType(userId, "PasswordChangedNoticeRequested"), list -> list.size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxMessages.pendingFor(userId) == 0);

        // The capture sees the service's log lines (logback writes to the console).
        LoggerFactory.getLogger(PasswordResetService.class).warn("log capture control {}", userId);
        assertThat(output.getAll())
                .contains("log capture control " + userId)
                .doesNotContain(token)
                .doesNotContain("reset-password?token=")
                .doesNotContain(NEW_PASSWORD);
    }

    /** Registers and verifies an account, so it is active. */
    private String registerActive(String email) {
        String userId = register(email);
        Api.Response verified = api().post("/auth/verify-email", Api.verification(awaitToken(userId, 1)));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        return userId;
    }

    private Api.Response forgot(String email) {
        return api().post(FORGOT, Map.of("email", email));
    }

    /**
     * Asks for a reset link and waits until the service has handled the request: the answer comes first, the work
     * after, and the next step of a test (moving the clock) must not overtake it.
     */
    private Api.Response forgotAndAwaitHandling(String email) {
        double before = handled();
        Api.Response response = forgot(email);
        await().atMost(Duration.ofSeconds(10)).until(() -> handled() > before);
        return response;
    }

    private double handled() {
        return meters.counter("identity.password-reset.requests.handled").count();
    }

    private Api.Response reset(String token, String password, String confirmPassword) {
        return api().post(RESET, Map.of("token", token, "password", password, "confirmPassword", confirmPassword));
    }

    private static List<ConsumerRecord<String, String>> recordsOfType(String userId, String eventType) {
        return recordsFor(userId).stream()
                .filter(r -> eventType.equals(TopicReader.header(r, "event-type")))
                .toList();
    }

    private static List<ConsumerRecord<String, String>> resetRecords(String userId) {
        return recordsOfType(userId, "PasswordResetRequested");
    }

    /** Waits for the user's {@code n}th reset record and returns the raw token from its link. */
    private static String awaitResetToken(String userId, int n) {
        List<ConsumerRecord<String, String>> records =
                await().atMost(Duration.ofSeconds(30)).until(() -> resetRecords(userId), list -> list.size() >= n);
        String link = Api.JSON
                .readTree(records.get(n - 1).value())
                .get("payload")
                .get("resetLink")
                .asString();
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    private int liveTokens(String userId) {
        return jdbc.sql("SELECT count(*) FROM identity.password_resets WHERE user_id = ?::uuid AND used_at IS NULL"
                        + " AND invalidated_at IS NULL AND expires_at > ?")
                .params(userId, Timestamps.at(clock.instant()))
                .query(Integer.class)
                .single();
    }

    private String storedHash(String userId) {
        return jdbc.sql("SELECT password_hash FROM identity.users WHERE id = ?::uuid")
                .param(userId)
                .query(String.class)
                .single();
    }

    private static void assertFieldError(Api.Response response, String field, String message) {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(response.json().get("errors")).anySatisfy(error -> {
            assertThat(error.get("field").asString()).isEqualTo(field);
            assertThat(error.get("message").asString()).isEqualTo(message);
        });
    }
}
