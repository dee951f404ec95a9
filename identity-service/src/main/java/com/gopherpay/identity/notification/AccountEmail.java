package com.gopherpay.identity.notification;

import com.gopherpay.identity.user.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Why this service emails an account, one record per reason. Each names its {@code event-type} header value (unchanged
 * on the wire), the Novu workflow it triggers and that workflow's template variables; {@link AccountEmailRecords} turns
 * any of them into the outbox record. No {@code toString} prints a link: most of them carry a raw token.
 */
public sealed interface AccountEmail
        permits AccountEmail.UserRegistered,
                AccountEmail.VerificationResent,
                AccountEmail.AccountExistsNoticeRequested,
                AccountEmail.PasswordResetRequested,
                AccountEmail.PasswordChangedNoticeRequested {

    /** Novu workflow that sends the verification link. */
    String EMAIL_VERIFICATION = "email-verification";
    /** Novu workflow that tells an existing user someone tried to register with their address. */
    String ACCOUNT_EXISTS = "account-exists";
    /** Novu workflow that sends the link to choose a new password. */
    String PASSWORD_RESET = "password-reset";
    /** Novu workflow that tells the owner their password was changed ("if this wasn't you…"). */
    String PASSWORD_CHANGED = "password-changed";

    /** The event id: {@code event-id} header and Novu {@code transactionId}. */
    UUID eventId();

    /** Who gets the email; their id is the record key. */
    User recipient();

    /** The {@code event-type} header. */
    String eventType();

    /** The Novu workflow to trigger. */
    String workflow();

    /** The workflow's template variables ({@code {{payload.x}}}). */
    Map<String, String> payload();

    /** A new account's verification email; {@code verificationLink} carries the raw token. */
    record UserRegistered(UUID eventId, User recipient, String verificationLink, Instant expiresAt)
            implements AccountEmail {

        @Override
        public String eventType() {
            return "UserRegistered";
        }

        @Override
        public String workflow() {
            return EMAIL_VERIFICATION;
        }

        @Override
        public Map<String, String> payload() {
            return linkPayload("verificationLink", verificationLink, "expiresAt", expiresAt);
        }

        @Override
        public String toString() {
            return "UserRegistered[" + eventId + "]"; // never the link
        }
    }

    /** A fresh verification email for a pending account that asked again. */
    record VerificationResent(UUID eventId, User recipient, String verificationLink, Instant expiresAt)
            implements AccountEmail {

        @Override
        public String eventType() {
            return "VerificationResent";
        }

        @Override
        public String workflow() {
            return EMAIL_VERIFICATION;
        }

        @Override
        public Map<String, String> payload() {
            return linkPayload("verificationLink", verificationLink, "expiresAt", expiresAt);
        }

        @Override
        public String toString() {
            return "VerificationResent[" + eventId + "]"; // never the link
        }
    }

    /**
     * Someone tried to register with the address of an existing account: {@code loginLink} leads to the sign-in page,
     * {@code resetLink} to the page that asks for a password-reset email.
     */
    record AccountExistsNoticeRequested(UUID eventId, User recipient, String loginLink, String resetLink)
            implements AccountEmail {

        @Override
        public String eventType() {
            return "AccountExistsNoticeRequested";
        }

        @Override
        public String workflow() {
            return ACCOUNT_EXISTS;
        }

        @Override
        public Map<String, String> payload() {
            Map<String, String> payload = new LinkedHashMap<>();
            payload.put("loginLink", loginLink);
            payload.put("resetLink", resetLink);
            return payload;
        }

        @Override
        public String toString() {
            return "AccountExistsNoticeRequested[" + eventId + "]";
        }
    }

    /** Someone asked to choose a new password; {@code resetLink} carries the raw reset token. */
    record PasswordResetRequested(UUID eventId, User recipient, String resetLink, Instant expiresAt)
            implements AccountEmail {

        @Override
        public String eventType() {
            return "PasswordResetRequested";
        }

        @Override
        public String workflow() {
            return PASSWORD_RESET;
        }

        @Override
        public Map<String, String> payload() {
            return linkPayload("resetLink", resetLink, "expiresAt", expiresAt);
        }

        @Override
        public String toString() {
            return "PasswordResetRequested[" + eventId + "]"; // never the link
        }
    }

    /**
     * The account's password was changed: tells the owner when, and where to ask for a reset link if it was not them
     * ({@code resetLink} leads to the forgot-password page and carries no token).
     */
    record PasswordChangedNoticeRequested(UUID eventId, User recipient, Instant changedAt, String resetLink)
            implements AccountEmail {

        @Override
        public String eventType() {
            return "PasswordChangedNoticeRequested";
        }

        @Override
        public String workflow() {
            return PASSWORD_CHANGED;
        }

        @Override
        public Map<String, String> payload() {
            Map<String, String> payload = new LinkedHashMap<>();
            payload.put("changedAt", changedAt.toString());
            payload.put("resetLink", resetLink);
            return payload;
        }

        @Override
        public String toString() {
            return "PasswordChangedNoticeRequested[" + eventId + "]";
        }
    }

    private static Map<String, String> linkPayload(String linkName, String link, String instantName, Instant instant) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put(linkName, link);
        payload.put(instantName, instant.toString());
        return payload;
    }
}
