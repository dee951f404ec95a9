package com.gopherpay.identity.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityEvents;
import com.gopherpay.identity.IdentityServiceTestBase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The lifecycle events as a consumer sees them, read back from {@code identity-events}. */
class LifecycleEventsIT extends IdentityServiceTestBase {

    @Test
    void registrationAndVerificationEmitSchemaValidCloudEventsInOrderOnTheUsersKey() {
        String email = Api.uniqueEmail("lifecycle");
        String userId = register(email);
        String token = awaitToken(userId, 1);
        assertThat(api().post("/auth/verify-email", Api.verification(token)).status())
                .isEqualTo(200);

        List<ConsumerRecord<String, String>> records = IdentityEvents.await(bootstrapServers(), userId, 2);

        assertThat(records).extracting(IdentityEvents::type).containsExactly("registered", "email-verified");
        assertThat(records)
                .extracting(ConsumerRecord::partition)
                .containsOnly(records.get(0).partition());
        records.forEach(record -> IdentityEvents.assertValid(record, userId, email));
        assertThat(Instant.parse(
                        IdentityEvents.data(records.get(1)).get("verifiedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(
                        IdentityEvents.data(records.get(0)).get("registeredAt").asString()));
    }

    @Test
    void aNewPasswordChosenWhileConfirmingTheAddressEmitsPasswordChanged() {
        String email = Api.uniqueEmail("lifecycle-new-password");
        String userId = register(email);
        String token = awaitToken(userId, 1);
        Api.Response verified = api().post(
                        "/auth/verify-email",
                        Map.of("token", token, "newPassword", "an entirely different passphrase"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);

        List<ConsumerRecord<String, String>> records = IdentityEvents.await(bootstrapServers(), userId, 3);

        assertThat(records)
                .extracting(IdentityEvents::type)
                .containsExactly("registered", "password-changed", "email-verified");
        records.forEach(record -> IdentityEvents.assertValid(record, userId, email));
    }

    @Test
    void aTakenAddressEmitsNoEvent() {
        String email = Api.uniqueEmail("lifecycle-duplicate");
        String userId = register(email);
        IdentityEvents.await(bootstrapServers(), userId, 1);
        assertThat(api().post("/auth/register", Api.registration(email)).status())
                .isEqualTo(409);
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxPending(userId) == 0);
        assertThat(IdentityEvents.of(bootstrapServers(), userId)).hasSize(1);
    }

    private long outboxPending(String userId) {
        return jdbc.sql("SELECT count(*) FROM identity.outbox WHERE record_key = ? AND status = 'PENDING'")
                .param(userId)
                .query(Long.class)
                .single();
    }
}
