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
                AccountEmail.PasswordChangedNoticeRequested,
                AccountEmail.VerificationReminder,
                AccountEmail.EmailChangeVerification,
                AccountEmail.EmailChangeRequested {

    /** Novu workflow that sends the verification link. */
    String EMAIL_VERIFICATION = "email-verification";
    /** Novu workflow that tells an existing user someone tried to register with their address. */
    String ACCOUNT_EXISTS = "account-exists";
    /** Novu workflow that sends the link to choose a new password. */
    String PASSWORD_RESET = "password-reset";
    /** Novu workflow that tells the owner their password was changed ("if this wasn't you…"). */
    String PASSWORD_CHANGED = "password-changed";
    /** Novu workflow that reminds a person, once, to confirm the address of their pending account. */
    String VERIFICATION_REMINDER = "verification-reminder";
    /** Novu workflow that sends the link confirming an email change, to the new address. */
    String EMAIL_CHANGE_VERIFICATION = "email-change-verification";
    /** Novu workflow that tells the current address a change was asked for, with a link to cancel it. */
    String EMAIL_CHANGE_REQUESTED = "email-change-requested";

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

    /**
     * Whether the owner must get this email even over the send budget: a security notice about their account. It
     * still counts against the budget.
     */
    default boolean securityNotice() {
        return false;
    }

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
        public boolean securityNotice() {
            return true;
        }

        @Override
        public String toString() {
            return "PasswordChangedNoticeRequested[" + eventId + "]";
        }
    }

    /** The one reminder of a pending account, with a fresh verification link ({@code verificationLink}). */
    record VerificationReminder(UUID eventId, User recipient, String verificationLink, Instant expiresAt)
            implements AccountEmail {

        @Override
        public String eventType() {
            return "VerificationReminderRequested";
        }

        @Override
        public String workflow() {
            return VERIFICATION_REMINDER;
        }

        @Override
        public Map<String, String> payload() {
            return linkPayload("verificationLink", verificationLink, "expiresAt", expiresAt);
        }

        @Override
        public String toString() {
            return "VerificationReminder[" + eventId + "]"; // never the link
        }
    }

    /**
     * The link that confirms an email change, sent to the NEW address: {@code recipient} is the account with that
     * address (not stored yet), so the trigger's {@code to.email} is the new address. {@code confirmLink} carries the
     * raw confirm token.
     */
    record EmailChangeVerification(UUID eventId, User recipient, String confirmLink, Instant expiresAt)
            implements AccountEmail {

        @Override
        public String eventType() {
            return "EmailChangeVerificationRequested";
        }

        @Override
        public String workflow() {
            return EMAIL_CHANGE_VERIFICATION;
        }

        @Override
        public Map<String, String> payload() {
            return linkPayload("confirmLink", confirmLink, "expiresAt", expiresAt);
        }

        @Override
        public String toString() {
            return "EmailChangeVerification[" + eventId + "]"; // never the link
        }
    }

    /**
     * Tells the account's current address that a change to {@code newEmail} was asked for ("if this wasn't you…");
     * {@code cancelLink} carries the raw cancel token. A security notice: the owner gets it even over the budget.
     */
    record EmailChangeRequested(UUID eventId, User recipient, String newEmail, String cancelLink, Instant expiresAt)
            implements AccountEmail {

        @Override
        public String eventType() {
            return "EmailChangeRequested";
        }

        @Override
        public String workflow() {
            return EMAIL_CHANGE_REQUESTED;
        }

        @Override
        public Map<String, String> payload() {
            Map<String, String> payload = new LinkedHashMap<>();
            payload.put("newEmail", newEmail);
            payload.put("cancelLink", cancelLink);
            payload.put("expiresAt", expiresAt.toString());
            return payload;
        }

        @Override
        public boolean securityNotice() {
            return true;
        }

        @Override
        public String toString() {
            return "EmailChangeRequested[" + eventId + "]"; // never the link
        }
    }

    private static Map<String, String> linkPayload(String linkName, String link, String instantName, Instant instant) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put(linkName, link);
        payload.put(instantName, instant.toString());
        return payload;
    }
}
