package com.gopherpay.identity.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import com.gopherpay.identity.TopicReader;
import com.gopherpay.identity.outbox.OutboxMessages;
import com.gopherpay.identity.password.PasswordHasher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class VerificationIT extends IdentityServiceTestBase {

    @Autowired
    OutboxMessages outboxMessages;

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Autowired
    MeterRegistry meters;

    @Autowired
    PasswordHasher hasher;

    @Test
    void verifiesTheEmailOnceAndRefusesTheSameLinkAgain() {
        String email = Api.uniqueEmail("verify");
        String userId = register(email);
        String token = awaitToken(userId, 1);

        Api.Response verified = api().post("/auth/verify-email", Api.verification(token));

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        JsonNode body = verified.json();
        assertThat(body.get("id").asString()).isEqualTo(userId);
        assertThat(body.get("email").asString()).isEqualTo(email);
        assertThat(body.get("status").asString()).isEqualTo("ACTIVE");
        assertThat(body.get("emailVerifiedAt").isNull()).isFalse();
        assertThat(jdbc.sql("SELECT status FROM identity.users WHERE id = ?::uuid")
                        .param(userId)
                        .query(String.class)
                        .single())
                .isEqualTo("ACTIVE");

        Api.Response again = api().post("/auth/verify-email", Api.verification(token));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().get("code").asString()).isEqualTo("token-invalid");
    }

    @Test
    void refusesAnUnknownToken() {
        Api.Response response =
                api().post("/auth/verify-email", Api.verification("bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtbm8tbm8tbm8"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("https://gopherpay.dev/problems/token-invalid");
    }

    @Test
    void answersGoneWithAResendHintOnceTheTokenHasExpired() {
        String userId = register(Api.uniqueEmail("expired"));
        String token = awaitToken(userId, 1);

        clock.advance(Duration.ofMinutes(61));
        Api.Response response = api().post("/auth/verify-email", Api.verification(token));

        assertThat(response.status()).isEqualTo(410);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asString()).isEqualTo("token-expired");
        assertThat(problem.get("resend").asString()).isEqualTo("/auth/verify-email/resend");
        assertThat(problem.get("detail").asString()).contains("resend");
    }

    @Test
    void resendHonoursTheCooldownThenIssuesANewTokenAndTheFirstLinkStillVerifies() {
        String email = Api.uniqueEmail("resend");
        String userId = register(email);
        String first = awaitToken(userId, 1);

        // Within the cooldown after registration: accepted, but nothing is sent.
        Api.Response early = resendAndAwaitHandling(Map.of("email", email));
        assertThat(early.status()).isEqualTo(202);

        clock.advance(Duration.ofSeconds(61));
        Api.Response resent = resendAndAwaitHandling(Map.of("email", email.toUpperCase()));
        assertThat(resent.status()).isEqualTo(202);
        assertThat(resent.body()).isEqualTo(early.body());

        String second = awaitToken(userId, 2);
        assertThat(second).isNotEqualTo(first);
        var records = recordsFor(userId);
        assertThat(records).hasSize(2);
        assertThat(TopicReader.header(records.get(1), "event-type")).isEqualTo("VerificationResent");
        // Handled on another thread, but still part of the request's trace.
        assertThat(TopicReader.header(records.get(1), "traceparent")).isEqualTo(TRACEPARENT);

        // The first email may arrive after the second was asked for: its link still works, and using it uses both.
        assertThat(api().post("/auth/verify-email", Api.verification(first)).status())
                .isEqualTo(200);
        Api.Response secondAfterwards = api().post("/auth/verify-email", Api.verification(second));
        assertThat(secondAfterwards.status()).isEqualTo(400);
        assertThat(secondAfterwards.json().get("code").asString()).isEqualTo("token-invalid");
    }

    @Test
    void keepsTheThreeNewestLinksAliveAndDropsTheOldestWhenAFourthIsIssued() {
        String email = Api.uniqueEmail("three-live");
        String userId = register(email);
        List<String> links = new ArrayList<>();
        links.add(awaitToken(userId, 1));
        for (int i = 2; i <= 4; i++) {
            clock.advance(Duration.ofSeconds(61));
            assertThat(resendAndAwaitHandling(Map.of("email", email)).status()).isEqualTo(202);
            links.add(awaitToken(userId, i));
        }

        Api.Response oldest = api().post("/auth/verify-email", Api.verification(links.get(0)));
        assertThat(oldest.status()).isEqualTo(400);
        assertThat(oldest.json().get("code").asString()).isEqualTo("token-invalid");
        assertThat(jdbc.sql("SELECT count(*) FROM identity.email_verifications WHERE user_id = ?::uuid"
                                + " AND used_at IS NULL AND invalidated_at IS NULL")
                        .param(userId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(3);

        // Any of the three live ones verifies; the others are spent with it.
        assertThat(api().post("/auth/verify-email", Api.verification(links.get(2)))
                        .status())
                .isEqualTo(200);
        assertThat(api().post("/auth/verify-email", Api.verification(links.get(3)))
                        .status())
                .isEqualTo(400);
        assertThat(api().post("/auth/verify-email", Api.verification(links.get(1)))
                        .status())
                .isEqualTo(400);
    }

    @Test
    void resendAllowsAtMostFivePerHour() {
        String email = Api.uniqueEmail("hourly");
        String userId = register(email);
        awaitToken(userId, 1);
        for (int i = 0; i < 7; i++) {
            clock.advance(Duration.ofSeconds(61));
            assertThat(resendAndAwaitHandling(Map.of("email", email)).status()).isEqualTo(202);
        }
        awaitToken(userId, 6);
        // Once the user's outbox is drained, everything that was ever queued has been published.
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxMessages.pendingFor(userId) == 0);
        assertThat(recordsFor(userId)).hasSize(6);
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM identity.email_verifications WHERE user_id = ?::uuid AND kind = 'RESEND'")
                        .param(userId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(5);
    }

    @Test
    void resendAnswersTheSameForUnknownActiveAndPendingAddresses() {
        String pending = Api.uniqueEmail("pending");
        String pendingId = register(pending);
        clock.advance(Duration.ofSeconds(61));
        String active = Api.uniqueEmail("active");
        String activeId = register(active);
        assertThat(api().post("/auth/verify-email", Api.verification(awaitToken(activeId, 1)))
                        .status())
                .isEqualTo(200);
        clock.advance(Duration.ofSeconds(61));

        Api.Response forUnknown =
                resendAndAwaitHandling(Map.of("email", "nobody-" + UUID.randomUUID() + "@example.com"));
        Api.Response forActive = resendAndAwaitHandling(Map.of("email", active));
        Api.Response forPending = resendAndAwaitHandling(Map.of("email", pending));

        assertThat(forUnknown.status()).isEqualTo(202);
        assertThat(forActive.status()).isEqualTo(202);
        assertThat(forPending.status()).isEqualTo(202);
        assertThat(forUnknown.body()).isEqualTo(forActive.body()).isEqualTo(forPending.body());
        awaitToken(pendingId, 2);
        assertThat(recordsFor(activeId)).hasSize(1);
    }

    @Test
    void refusesAWrongPasswordCountingAttemptsAndBurnsTheLinkAtTheLimit() {
        String email = Api.uniqueEmail("wrong");
        String userId = register(email);
        String token = awaitToken(userId, 1);

        for (int left = 4; left >= 1; left--) {
            Api.Response wrong =
                    api().post("/auth/verify-email", Map.of("token", token, "password", "not-the-password-" + left));
            assertThat(wrong.status()).as(wrong.body()).isEqualTo(400);
            assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
            JsonNode problem = wrong.json();
            assertThat(problem.get("code").asString()).isEqualTo("password-incorrect");
            assertThat(problem.get("attemptsLeft").asInt()).isEqualTo(left);
            assertThat(problem.get("errors").get(0).get("field").asString()).isEqualTo("password");
            // It names no account: only the link's holder gets here, and learns nothing about who is registered.
            assertThat(wrong.body())
                    .doesNotContain(email)
                    .doesNotContain(userId)
                    .doesNotContain("not-the-password");
        }
        assertThat(attempts(token)).isEqualTo(4);

        Api.Response last =
                api().post("/auth/verify-email", Map.of("token", token, "password", "still-not-the-password"));
        assertThat(last.status()).isEqualTo(400);
        assertThat(last.json().get("code").asString()).isEqualTo("token-locked");
        assertThat(last.json().get("resend").asString()).isEqualTo("/auth/verify-email/resend");

        // The link is dead now, even with the right password; the account stays pending.
        Api.Response right = api().post("/auth/verify-email", Api.verification(token));
        assertThat(right.status()).isEqualTo(400);
        assertThat(right.json().get("code").asString()).isEqualTo("token-locked");
        assertThat(status(userId)).isEqualTo("PENDING_VERIFICATION");
        assertThat(attempts(token)).isEqualTo(5);

        // A new link starts over.
        clock.advance(Duration.ofSeconds(61));
        resendAndAwaitHandling(Map.of("email", email));
        assertThat(api().post("/auth/verify-email", Api.verification(awaitToken(userId, 2)))
                        .status())
                .isEqualTo(200);
    }

    @Test
    void setsANewPasswordInsteadAndTheSquattersPasswordNoLongerVerifies() {
        // Someone registered this address with a password of their own; the address's owner does not know it.
        String email = Api.uniqueEmail("squatted");
        String userId = register(email);
        String token = awaitToken(userId, 1);
        String squattersHash = storedHash(userId);
        String ownersPassword = "marble-Orchard-58-lantern";

        Api.Response tooShort = api().post("/auth/verify-email", Map.of("token", token, "newPassword", "short-one"));
        assertThat(tooShort.status()).isEqualTo(400);
        assertThat(tooShort.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(tooShort.json().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        assertThat(tooShort.json().get("errors").get(0).get("message").asString())
                .isEqualTo("Use at least 15 characters.");
        Api.Response withName =
                api().post("/auth/verify-email", Map.of("token", token, "newPassword", "AdaLovelace-58-lantern"));
        assertThat(withName.json().get("errors").get(0).get("message").asString())
                .isEqualTo("Don't use your name in your password.");

        Api.Response verified = api().post("/auth/verify-email", Map.of("token", token, "newPassword", ownersPassword));

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
        assertThat(verified.json().get("status").asString()).isEqualTo("ACTIVE");
        assertThat(verified.body()).doesNotContain(ownersPassword).doesNotContain("argon2");
        String ownersHash = storedHash(userId);
        assertThat(ownersHash).isNotEqualTo(squattersHash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.matches(Api.PASSWORD, ownersHash))
                .as("the squatter's password")
                .isFalse();
        assertThat(hasher.matches(ownersPassword, ownersHash))
                .as("the owner's password")
                .isTrue();
        assertThat(api().post("/auth/verify-email", Api.verification(token)).status())
                .isEqualTo(400);
    }

    @Test
    void asksForExactlyOneOfThePasswordAndANewOne() {
        String token = awaitToken(register(Api.uniqueEmail("which")), 1);

        Api.Response neither = api().post("/auth/verify-email", Map.of("token", token));
        Api.Response both = api().post(
                        "/auth/verify-email",
                        Map.of("token", token, "password", Api.PASSWORD, "newPassword", "marble-Orchard-58-lantern"));

        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.json().get("code").asString()).isEqualTo("validation-failed");
        assertThat(neither.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
        assertThat(both.status()).isEqualTo(400);
        assertThat(both.json().get("errors").get(0).get("field").asString()).isEqualTo("newPassword");
        assertThat(attempts(token)).isZero();
        assertThat(api().post("/auth/verify-email", Api.verification(token)).status())
                .isEqualTo(200);
    }

    @Test
    void normalisesThePasswordAsRegistrationDid() {
        String token = awaitToken(register(Api.uniqueEmail("nfkc")), 1);

        // Full-width letters fold to the registered ASCII ones under NFKC.
        String typedElsewhere = Api.PASSWORD.replace("Harbour", "Ｈａｒｂｏｕｒ");
        Api.Response verified = api().post("/auth/verify-email", Map.of("token", token, "password", typedElsewhere));

        assertThat(verified.status()).as(verified.body()).isEqualTo(200);
    }

    @Test
    void usesATokenOnceWhenPasswordsAndNewPasswordsRace() throws Exception {
        String userId = register(Api.uniqueEmail("race"));
        String token = awaitToken(userId, 1);
        List<Map<String, Object>> bodies = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            bodies.add(Api.verification(token));
            bodies.add(Map.of("token", token, "newPassword", "marble-Orchard-58-lantern-" + i));
        }
        ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try {
            for (Map<String, Object> body : bodies) {
                Api api = api();
                answers.add(pool.submit(() -> {
                    start.await();
                    return api.post("/auth/verify-email", body);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Api.Response> answer : answers) {
                Api.Response response = answer.get(60, TimeUnit.SECONDS);
                statuses.add(response.status());
                if (response.status() != 200) {
                    assertThat(response.json().get("code").asString()).isIn("token-invalid", "token-locked");
                }
            }
            assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
            assertThat(statuses).filteredOn(s -> s == 400).hasSize(bodies.size() - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(status(userId)).isEqualTo("ACTIVE");
        assertThat(jdbc.sql(
                                "SELECT count(*) FROM identity.email_verifications WHERE user_id = ?::uuid AND used_at IS NOT NULL")
                        .param(userId)
                        .query(Integer.class)
                        .single())
                .isEqualTo(1);
    }

    private int attempts(String token) {
        return jdbc.sql("SELECT password_attempts FROM identity.email_verifications"
                        + " WHERE token_hash = sha256(convert_to(?, 'UTF8'))")
                .param(token)
                .query(Integer.class)
                .single();
    }

    private String storedHash(String userId) {
        return jdbc.sql("SELECT password_hash FROM identity.users WHERE id = ?::uuid")
                .param(userId)
                .query(String.class)
                .single();
    }

    private String status(String userId) {
        return jdbc.sql("SELECT status FROM identity.users WHERE id = ?::uuid")
                .param(userId)
                .query(String.class)
                .single();
    }

    /**
     * Asks for a resend and waits until the service has handled it: the answer comes first, the work after, and the
     * next step of a test (moving the clock) must not overtake it.
     */
    private Api.Response resendAndAwaitHandling(Map<String, String> body) {
        double before = resendsHandled();
        Api.Response response = api().send(
                        "/auth/verify-email/resend",
                        "application/json",
                        Api.JSON.writeValueAsString(body),
                        Api.randomClientIp(),
                        Map.of("traceparent", TRACEPARENT));
        await().atMost(Duration.ofSeconds(10)).until(() -> resendsHandled() > before);
        return response;
    }

    private double resendsHandled() {
        return meters.counter("identity.verification.resends.handled").count();
    }
}
