package com.gopherpay.identity.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;

/** What the audit trail records for the actions of one account, and that it can only grow (or age out). */
class AuditTrailIT extends IdentityServiceTestBase {

    @Autowired
    AuditTrail trail;

    @Test
    void recordsRegistrationEmailsFailuresAndVerificationWithTheRequestsOriginAndNoSecrets() {
        String email = Api.uniqueEmail("audit");
        String clientIp = "203.0.113.77";
        String longAgent = "AuditTest/1.0 " + "x".repeat(400);
        Api.Response registered = api().send(
                        "/auth/register",
                        "application/json",
                        Api.JSON.writeValueAsString(Api.registration(email)),
                        clientIp,
                        Map.of("User-Agent", longAgent));
        assertThat(registered.status()).isEqualTo(201);
        UUID userId = UUID.fromString(userIdOf(email));
        String token = awaitToken(userId.toString(), 1);

        Api.Response wrong =
                api().post("/auth/verify-email", Map.of("token", token, "password", "not the password at all"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(api().post("/auth/verify-email", Api.verification(token)).status())
                .isEqualTo(200);
        assertThat(api().post("/auth/verify-email", Api.verification(token)).status())
                .isEqualTo(400);

        List<AuditEvent> rows = await().atMost(Duration.ofSeconds(10))
                .until(() -> trail.forUser(userId, null, 50), list -> list.size() >= 5);
        // Newest first (the test clock stands still, so insertion order decides; the email is queued before the
        // registration's own row is written).
        assertThat(rows)
                .extracting(AuditEvent::action, AuditEvent::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("verification.failed", "invalid"),
                        org.assertj.core.groups.Tuple.tuple("email.verified", "verified"),
                        org.assertj.core.groups.Tuple.tuple("verification.failed", "password-incorrect"),
                        org.assertj.core.groups.Tuple.tuple("registered", "created"),
                        org.assertj.core.groups.Tuple.tuple("email.queued", "email-verification"));
        AuditEvent registration = rows.get(rows.size() - 2);
        assertThat(registration.clientIp()).isEqualTo(clientIp);
        assertThat(registration.userAgent()).startsWith("AuditTest/1.0").hasSize(200);
        assertThat(registration.emailHash()).hasSize(64).doesNotContain("audit");
        assertThat(rows.get(rows.size() - 1).eventId()).isNotNull();

        String everything = jdbc.sql("SELECT string_agg(concat_ws('|', action, outcome, client_ip, user_agent,"
                        + " encode(email_hash, 'hex')), ';') FROM identity.audit_events WHERE user_id = ?")
                .param(userId)
                .query(String.class)
                .single();
        assertThat(everything)
                .doesNotContain(token)
                .doesNotContain(Api.PASSWORD)
                .doesNotContain(email);
    }

    @Test
    void recordsAResendForAnUnknownAddressWithoutAnAccountButWithItsHash() {
        String unknown = Api.uniqueEmail("audit-unknown");
        assertThat(api().post("/auth/verify-email/resend", Map.of("email", unknown))
                        .status())
                .isEqualTo(202);
        byte[] hash = trail.emailHash(unknown.toLowerCase(java.util.Locale.ROOT));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> jdbc.sql("SELECT count(*) FROM identity.audit_events WHERE email_hash = ?"
                                        + " AND action = 'verification.resend' AND outcome = 'not-pending'"
                                        + " AND user_id IS NULL AND client_ip IS NOT NULL")
                                .param(hash)
                                .query(Long.class)
                                .single()
                        == 1);
    }

    @Test
    void recordsSignInsAndPasswordResetsWithTheirOutcomes() {
        String email = Api.uniqueEmail("audit-sign-in");
        UUID userId = UUID.fromString(register(email));
        Map<String, String> credentials = Map.of("email", email, "password", Api.PASSWORD);
        assertThat(api().post("/auth/login", credentials).status()).isEqualTo(403);
        assertThat(api().post("/auth/verify-email", Api.verification(awaitToken(userId.toString(), 1)))
                        .status())
                .isEqualTo(200);
        assertThat(api().post("/auth/login", Map.of("email", email, "password", "not the password at all"))
                        .status())
                .isEqualTo(401);
        assertThat(api().post("/auth/login", credentials).status()).isEqualTo(200);
        assertThat(api().post("/auth/password/forgot", Map.of("email", email)).status())
                .isEqualTo(202);

        List<AuditEvent> rows = await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> trail.forUser(userId, null, 50),
                        list -> list.stream().anyMatch(r -> r.action().equals("password-reset.requested")));
        assertThat(rows)
                .extracting(r -> r.action() + ":" + r.outcome())
                .contains(
                        "sign-in:not-verified",
                        "sign-in:invalid-credentials",
                        "sign-in:success",
                        "password-reset.requested:sent",
                        "email.queued:password-reset");
    }

    @Test
    void rowsCannotBeChangedAndAgeOutAfterTheRetention() {
        String email = Api.uniqueEmail("audit-retention");
        UUID userId = UUID.fromString(register(email));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !trail.forUser(userId, null, 10).isEmpty());

        assertThatThrownBy(() -> jdbc.sql("UPDATE identity.audit_events SET outcome = 'forged' WHERE user_id = ?")
                        .param(userId)
                        .update())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("append-only");

        clock.advance(Duration.ofDays(181));
        assertThat(trail.prune()).isPositive();
        assertThat(trail.forUser(userId, null, 10)).isEmpty();
    }
}
