package com.gopherpay.identity.notification;

import com.gopherpay.identity.user.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Why this service asks for an email, one record per reason. Each names its {@code event-type} header value (unchanged
 * on the wire), the Novu workflow it triggers and that workflow's template variables; {@link VerificationEmailRecords}
 * turns any of them into the outbox record.
 */
public sealed interface VerificationEmailEvent
        permits VerificationEmailEvent.UserRegistered,
                VerificationEmailEvent.VerificationResent,
                VerificationEmailEvent.AccountExistsNoticeRequested {

    /** Novu workflow that sends the verification link. */
    String EMAIL_VERIFICATION = "email-verification";
    /** Novu workflow that tells an existing user someone tried to register with their address. */
    String ACCOUNT_EXISTS = "account-exists";

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
            implements VerificationEmailEvent {

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
            return verificationPayload(verificationLink, expiresAt);
        }

        @Override
        public String toString() {
            return "UserRegistered[" + eventId + "]"; // never the link
        }
    }

    /** A fresh verification email for a pending account that asked again. */
    record VerificationResent(UUID eventId, User recipient, String verificationLink, Instant expiresAt)
            implements VerificationEmailEvent {

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
            return verificationPayload(verificationLink, expiresAt);
        }

        @Override
        public String toString() {
            return "VerificationResent[" + eventId + "]"; // never the link
        }
    }

    /**
     * Someone tried to register with the address of an existing account. This system has no sign-in or password-reset
     * page yet, so {@code loginLink} is the public base URL and {@code resetLink} (optional in the template) is left
     * out rather than pointing at pages that answer 404.
     */
    record AccountExistsNoticeRequested(UUID eventId, User recipient, String loginLink)
            implements VerificationEmailEvent {

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
            return payload;
        }
    }

    private static Map<String, String> verificationPayload(String verificationLink, Instant expiresAt) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("verificationLink", verificationLink);
        payload.put("expiresAt", expiresAt.toString());
        return payload;
    }
}
