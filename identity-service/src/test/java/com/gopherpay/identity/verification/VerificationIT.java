package com.gopherpay.identity.verification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceIT;
import com.gopherpay.identity.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

class VerificationIT extends IdentityServiceIT {

    private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    @Autowired
    MeterRegistry meters;

    @Test
    void verifiesTheEmailOnceAndRefusesTheSameLinkAgain() {
        String email = Api.uniqueEmail("verify");
        String userId = register(email);
        String token = awaitToken(userId, 1);

        Api.Response verified = api().post("/auth/verify-email", Map.of("token", token));

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

        Api.Response again = api().post("/auth/verify-email", Map.of("token", token));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.header("Content-Type")).startsWith("application/problem+json");
        assertThat(again.json().get("code").asString()).isEqualTo("token-invalid");
    }

    @Test
    void refusesAnUnknownToken() {
        Api.Response response =
                api().post("/auth/verify-email", Map.of("token", "bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtbm8tbm8tbm8"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("type").asString()).isEqualTo("https://gopherpay.dev/problems/token-invalid");
    }

    @Test
    void answersGoneWithAResendHintOnceTheTokenHasExpired() {
        String userId = register(Api.uniqueEmail("expired"));
        String token = awaitToken(userId, 1);

        clock.advance(Duration.ofMinutes(61));
        Api.Response response = api().post("/auth/verify-email", Map.of("token", token));

        assertThat(response.status()).isEqualTo(410);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("code").asString()).isEqualTo("token-expired");
        assertThat(problem.get("resend").asString()).isEqualTo("/auth/verify-email/resend");
        assertThat(problem.get("detail").asString()).contains("resend");
    }

    @Test
    void resendHonoursTheCooldownThenIssuesANewTokenAndInvalidatesTheOldOne() {
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

        assertThat(api().post("/auth/verify-email", Map.of("token", first)).status())
                .isEqualTo(400);
        assertThat(api().post("/auth/verify-email", Map.of("token", second)).status())
                .isEqualTo(200);
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
        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT count(*) FROM identity.outbox WHERE record_key = ?")
                                .param(userId)
                                .query(Integer.class)
                                .single()
                        == 0);
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
        assertThat(api().post("/auth/verify-email", Map.of("token", awaitToken(activeId, 1)))
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
