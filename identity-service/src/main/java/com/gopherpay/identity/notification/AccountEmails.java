package com.gopherpay.identity.notification;

import com.gopherpay.identity.config.IdentityProperties;
import com.gopherpay.identity.notification.AccountEmail.AccountExistsNoticeRequested;
import com.gopherpay.identity.notification.AccountEmail.PasswordChangedNoticeRequested;
import com.gopherpay.identity.notification.AccountEmail.PasswordResetRequested;
import com.gopherpay.identity.notification.AccountEmail.UserRegistered;
import com.gopherpay.identity.notification.AccountEmail.VerificationResent;
import com.gopherpay.identity.outbox.Outbox;
import com.gopherpay.identity.user.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;

/**
 * The emails this service sends to an account, queued in the outbox of the caller's transaction (the one that stores
 * the token, the new password, or finds the account). The links point at this service's pages under the public base
 * URL.
 */
@Component
public class AccountEmails {

    /** The page that signs a person in. */
    static final String LOGIN_PAGE = "/login";
    /** The page that asks for a password-reset email. */
    static final String FORGOT_PASSWORD_PAGE = "/forgot-password";

    private final Outbox outbox;
    private final AccountEmailRecords records;
    private final IdentityProperties identity;
    private final IdGenerator ids;

    AccountEmails(Outbox outbox, AccountEmailRecords records, IdentityProperties identity, IdGenerator ids) {
        this.outbox = outbox;
        this.records = records;
        this.identity = identity;
        this.ids = ids;
    }

    /** Queues the verification email of a new account, carrying {@code rawToken}. */
    public void userRegistered(User user, String rawToken, Instant expiresAt) {
        queue(new UserRegistered(ids.generateId(), user, tokenLink("/verify-email", rawToken), expiresAt));
    }

    /** Queues a fresh verification email carrying {@code rawToken}. */
    public void verificationResent(User user, String rawToken, Instant expiresAt) {
        queue(new VerificationResent(ids.generateId(), user, tokenLink("/verify-email", rawToken), expiresAt));
    }

    /** Queues the "you already have an account" notice, with links to sign in and to ask for a new password. */
    public void accountExists(User user) {
        queue(new AccountExistsNoticeRequested(
                ids.generateId(), user, identity.link(LOGIN_PAGE), identity.link(FORGOT_PASSWORD_PAGE)));
    }

    /** Queues the email with the link to choose a new password, carrying {@code rawToken}. */
    public void passwordResetRequested(User user, String rawToken, Instant expiresAt) {
        queue(new PasswordResetRequested(ids.generateId(), user, tokenLink("/reset-password", rawToken), expiresAt));
    }

    /** Queues the "your password was changed" notice. */
    public void passwordChanged(User user, Instant changedAt) {
        queue(new PasswordChangedNoticeRequested(
                ids.generateId(), user, changedAt, identity.link(FORGOT_PASSWORD_PAGE)));
    }

    /** Queues {@code event}; must run in the business transaction. */
    public void queue(AccountEmail event) {
        outbox.append(records.toRecord(event));
    }

    private String tokenLink(String page, String rawToken) {
        return identity.link(page + "?token=" + URLEncoder.encode(rawToken, StandardCharsets.UTF_8));
    }
}
