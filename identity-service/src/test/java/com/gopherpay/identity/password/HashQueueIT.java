package com.gopherpay.identity.password;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The wait for a hashing slot is bounded in time and in waiters: with every slot taken, hashing requests get 503 with
 * Retry-After instead of parking HTTP threads, and requests that do not hash are served all the while.
 */
@TestPropertySource(
        properties = {
            "identity.password.max-concurrent-hashes=1",
            "identity.password.max-queued-hashes=1",
            "identity.password.max-queue-wait=1500ms"
        })
class HashQueueIT extends IdentityServiceTestBase {

    @Autowired
    PasswordHasher hasher;

    @Autowired
    MeterRegistry meters;

    @Test
    void answersBusyWithRetryAfterWhileTheSlotsAreFullAndKeepsServingRequestsThatDoNotHash() throws Exception {
        String waiting = Api.uniqueEmail("queued");
        String refused = Api.uniqueEmail("refused");
        long hashesBefore = meters.get("identity.password.hash").timer().count();
        CompletableFuture<Api.Response> queued;
        try (PasswordHasher.Slot held = hasher.hold()) {
            queued = CompletableFuture.supplyAsync(() -> api().post("/auth/register", Api.registration(waiting)));
            await().atMost(Duration.ofSeconds(20)).until(() -> hasher.waiting() == 1);

            // The one place in the queue is taken: refused at once, without waiting for the slot.
            Api.Response overflow = api().post("/auth/register", Api.registration(refused));
            assertThat(overflow.status()).as(overflow.body()).isEqualTo(503);
            assertThat(overflow.header("Content-Type")).startsWith("application/problem+json");
            assertThat(overflow.header("Retry-After")).isEqualTo("2"); // the 1.5 s bound, rounded up
            assertThat(overflow.json().get("code").asString()).isEqualTo("service-busy");
            assertThat(queued).isNotDone();

            // Requests that need no hash are answered while hashing requests wait: a verification with a token we
            // never issued is refused before any hashing, and resends never hash.
            Api.Response verify = api().post(
                            "/auth/verify-email",
                            Map.of("token", "bm90LWEtcmVhbC10b2tlbi1hdC1hbGwtbm8tbm8tbm8", "password", Api.PASSWORD));
            assertThat(verify.status()).isEqualTo(400);
            assertThat(verify.json().get("code").asString()).isEqualTo("token-invalid");
            assertThat(api().post("/auth/verify-email/resend", Map.of("email", waiting))
                            .status())
                    .isEqualTo(202);

            // The queued request gives up at the bound although the slot is still held.
            Api.Response timedOut = queued.get(30, TimeUnit.SECONDS);
            assertThat(timedOut.status()).as(timedOut.body()).isEqualTo(503);
            assertThat(timedOut.header("Retry-After")).isEqualTo("2");
            assertThat(hasher.waiting()).isZero();
        }
        assertThat(meters.get("identity.password.hash").timer().count()).isEqualTo(hashesBefore);
        for (String email : new String[] {waiting, refused}) {
            assertThat(jdbc.sql("SELECT count(*) FROM identity.users WHERE email_canonical = ?")
                            .param(email.toLowerCase())
                            .query(Integer.class)
                            .single())
                    .as("nothing stored for %s", email)
                    .isZero();
        }

        // With the slot free again, the same registration succeeds.
        Api.Response retried = api().post("/auth/register", Api.registration(waiting));
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
    }

    @Test
    void doesNotCountAVerificationAttemptThatCouldNotBeHashed() throws Exception {
        String userId = register(Api.uniqueEmail("busy-verify"));
        String token = awaitToken(userId, 1);
        CompletableFuture<Api.Response> queued;
        try (PasswordHasher.Slot held = hasher.hold()) {
            queued = CompletableFuture.supplyAsync(() -> api().post("/auth/verify-email", Api.verification(token)));
            Api.Response busy = queued.get(30, TimeUnit.SECONDS);
            assertThat(busy.status()).as(busy.body()).isEqualTo(503);
        }
        assertThat(jdbc.sql("SELECT password_attempts FROM identity.email_verifications WHERE user_id = ?::uuid")
                        .param(userId)
                        .query(Integer.class)
                        .single())
                .isZero();
        assertThat(api().post("/auth/verify-email", Api.verification(token)).status())
                .isEqualTo(200);
    }
}
