package com.gopherpay.identity.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.notification.AccountEmail.AccountExistsNoticeRequested;
import com.gopherpay.identity.notification.AccountEmail.PasswordChangedNoticeRequested;
import com.gopherpay.identity.notification.AccountEmail.PasswordResetRequested;
import com.gopherpay.identity.notification.AccountEmail.UserRegistered;
import com.gopherpay.identity.notification.AccountEmail.VerificationResent;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.UserStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AccountEmailTest {

    private static final UUID EVENT = UUID.fromString("0193a0f2-7c3e-7000-8000-000000000001");
    private static final Instant AT = Instant.parse("2026-11-25T10:30:00Z");
    private static final User ADA = new User(
            UUID.fromString("0193a0f2-7c3e-7000-8000-0000000000aa"),
            "ada@example.com",
            "Ada Lovelace",
            UserStatus.ACTIVE,
            AT,
            AT);
    private static final String TOKEN_LINK = "https://id.example/reset-password?token=c2VjcmV0LXRva2Vu";

    @Test
    void namesEveryWorkflowAndItsPayload() {
        assertThat(new PasswordResetRequested(EVENT, ADA, TOKEN_LINK, AT)).satisfies(e -> {
            assertThat(e.workflow()).isEqualTo("password-reset");
            assertThat(e.eventType()).isEqualTo("PasswordResetRequested");
            assertThat(e.payload())
                    .containsExactly(
                            Map.entry("resetLink", TOKEN_LINK), Map.entry("expiresAt", "2026-11-25T10:30:00Z"));
        });
        assertThat(new PasswordChangedNoticeRequested(EVENT, ADA, AT, "https://id.example/forgot-password"))
                .satisfies(e -> {
                    assertThat(e.workflow()).isEqualTo("password-changed");
                    assertThat(e.eventType()).isEqualTo("PasswordChangedNoticeRequested");
                    assertThat(e.payload())
                            .containsExactly(
                                    Map.entry("changedAt", "2026-11-25T10:30:00Z"),
                                    Map.entry("resetLink", "https://id.example/forgot-password"));
                });
        assertThat(new AccountExistsNoticeRequested(
                                EVENT, ADA, "https://id.example/login", "https://id.example/forgot-password")
                        .payload())
                .containsExactly(
                        Map.entry("loginLink", "https://id.example/login"),
                        Map.entry("resetLink", "https://id.example/forgot-password"));
    }

    @Test
    void emailChangeMailsNameTheirWorkflowsAndPayloads() {
        assertThat(new AccountEmail.EmailChangeVerification(EVENT, ADA, TOKEN_LINK, AT))
                .satisfies(e -> {
                    assertThat(e.workflow()).isEqualTo("email-change-verification");
                    assertThat(e.eventType()).isEqualTo("EmailChangeVerificationRequested");
                    assertThat(e.securityNotice()).isFalse();
                    assertThat(e.payload())
                            .containsExactly(
                                    Map.entry("confirmLink", TOKEN_LINK),
                                    Map.entry("expiresAt", "2026-11-25T10:30:00Z"));
                });
        assertThat(new AccountEmail.EmailChangeRequested(EVENT, ADA, "new@example.org", TOKEN_LINK, AT))
                .satisfies(e -> {
                    assertThat(e.workflow()).isEqualTo("email-change-requested");
                    assertThat(e.eventType()).isEqualTo("EmailChangeRequested");
                    assertThat(e.securityNotice()).isTrue();
                    assertThat(e.payload())
                            .containsExactly(
                                    Map.entry("newEmail", "new@example.org"),
                                    Map.entry("cancelLink", TOKEN_LINK),
                                    Map.entry("expiresAt", "2026-11-25T10:30:00Z"));
                });
    }

    @Test
    void noEventPrintsALinkOrTheRecipient() {
        List<AccountEmail> events = List.of(
                new UserRegistered(EVENT, ADA, TOKEN_LINK, AT),
                new VerificationResent(EVENT, ADA, TOKEN_LINK, AT),
                new AccountExistsNoticeRequested(EVENT, ADA, TOKEN_LINK, TOKEN_LINK),
                new PasswordResetRequested(EVENT, ADA, TOKEN_LINK, AT),
                new PasswordChangedNoticeRequested(EVENT, ADA, AT, TOKEN_LINK),
                new AccountEmail.EmailChangeVerification(EVENT, ADA, TOKEN_LINK, AT),
                new AccountEmail.EmailChangeRequested(EVENT, ADA, "new@example.org", TOKEN_LINK, AT));

        for (AccountEmail event : events) {
            assertThat(event.toString())
                    .isEqualTo(event.getClass().getSimpleName() + "[" + EVENT + "]")
                    .doesNotContain("token")
                    .doesNotContain("https://")
                    .doesNotContain("ada@example.com");
        }
    }
}
