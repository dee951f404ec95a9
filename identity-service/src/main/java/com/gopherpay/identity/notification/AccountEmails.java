package com.gopherpay.identity.notification;

import com.gopherpay.identity.audit.AuditAction;
import com.gopherpay.identity.audit.AuditTrail;
import com.gopherpay.identity.config.IdentityProperties;
import com.gopherpay.identity.notification.AccountEmail.AccountExistsNoticeRequested;
import com.gopherpay.identity.notification.AccountEmail.PasswordChangedNoticeRequested;
import com.gopherpay.identity.notification.AccountEmail.PasswordResetRequested;
import com.gopherpay.identity.notification.AccountEmail.UserRegistered;
import com.gopherpay.identity.notification.AccountEmail.VerificationResent;
import com.gopherpay.identity.outbox.Outbox;
import com.gopherpay.identity.user.EmailAddress;
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
    private final AuditTrail audit;
    private final SendBudget budget;

    AccountEmails(
            Outbox outbox,
            AccountEmailRecords records,
            IdentityProperties identity,
            IdGenerator ids,
            AuditTrail audit,
            SendBudget budget) {
        this.audit = audit;
        this.budget = budget;
        this.outbox = outbox;
        this.records = records;
        this.identity = identity;
        this.ids = ids;
    }

    /** Queues the verification email of a new account, carrying {@code rawToken}. */
    public boolean userRegistered(User user, String rawToken, Instant expiresAt) {
        return queue(new UserRegistered(ids.generateId(), user, tokenLink("/verify-email", rawToken), expiresAt));
    }

    /** Queues a fresh verification email carrying {@code rawToken}. */
    public boolean verificationResent(User user, String rawToken, Instant expiresAt) {
        return queue(new VerificationResent(ids.generateId(), user, tokenLink("/verify-email", rawToken), expiresAt));
    }

    /** Queues the "you already have an account" notice, with links to sign in and to ask for a new password. */
    public boolean accountExists(User user) {
        return queue(new AccountExistsNoticeRequested(
                ids.generateId(), user, identity.link(LOGIN_PAGE), identity.link(FORGOT_PASSWORD_PAGE)));
    }

    /** Queues the email with the link to choose a new password, carrying {@code rawToken}. */
    public boolean passwordResetRequested(User user, String rawToken, Instant expiresAt) {
        return queue(
                new PasswordResetRequested(ids.generateId(), user, tokenLink("/reset-password", rawToken), expiresAt));
    }

    /** Queues the "your password was changed" notice. */
    public boolean passwordChanged(User user, Instant changedAt) {
        return queue(new PasswordChangedNoticeRequested(
                ids.generateId(), user, changedAt, identity.link(FORGOT_PASSWORD_PAGE)));
    }

    /**
     * Queues the link confirming an email change to {@code newAddress}, carrying {@code rawToken}: it goes to the new
     * address and draws from that address's budget.
     */
    public boolean emailChangeVerification(User user, EmailAddress newAddress, String rawToken, Instant expiresAt) {
        return queue(new AccountEmail.EmailChangeVerification(
                ids.generateId(),
                atAddress(user, newAddress),
                tokenLink("/confirm-email-change", rawToken),
                expiresAt));
    }

    /** Queues the notice to the current address that a change to {@code newAddress} was asked for, with its cancel link. */
    public boolean emailChangeRequested(User user, EmailAddress newAddress, String rawToken, Instant expiresAt) {
        return queue(new AccountEmail.EmailChangeRequested(
                ids.generateId(), user, newAddress.value(), tokenLink("/cancel-email-change", rawToken), expiresAt));
    }

    /**
     * Whether the send budget of {@code address} has room for one more email; like {@link #withinBudget(User)}, the
     * answer holds for the rest of the caller's transaction.
     */
    public boolean withinBudget(EmailAddress address) {
        return budget.allows(address.canonical());
    }

    /** The account as it will be once {@code address} is its own: the recipient of mail to that address. */
    private static User atAddress(User user, EmailAddress address) {
        return new User(
                user.id(), address.value(), user.fullName(), user.status(), user.createdAt(), user.emailVerifiedAt());
    }

    /**
     * Queues {@code event} if the recipient's send budget allows it (security notices always go); must run in the
     * business transaction. Returns whether it was queued; callers answer the same either way.
     */
    public boolean queue(AccountEmail event) {
        User recipient = event.recipient();
        String canonical = canonical(recipient);
        if (!budget.take(canonical, event.workflow(), event.securityNotice())) {
            audit.record(AuditAction.EMAIL_SUPPRESSED, "budget:" + event.workflow(), recipient.id(), canonical);
            return false;
        }
        outbox.append(records.toRecord(event));
        audit.record(AuditAction.EMAIL_QUEUED, event.workflow(), recipient.id(), canonical, event.eventId());
        return true;
    }

    /**
     * Whether the recipient's send budget has room for one more email. Callers that would spend something on the
     * email (a token that drops an older live one) ask first; the answer holds for the rest of their transaction.
     */
    public boolean withinBudget(User recipient) {
        return budget.allows(canonical(recipient));
    }

    private static String canonical(User recipient) {
        return EmailAddress.parse(recipient.email())
                .map(EmailAddress::canonical)
                .orElse(recipient.email());
    }

    /** Queues the one verification reminder of a pending account, carrying {@code rawToken}. */
    public boolean verificationReminder(User user, String rawToken, Instant expiresAt) {
        return queue(new AccountEmail.VerificationReminder(
                ids.generateId(), user, tokenLink("/verify-email", rawToken), expiresAt));
    }

    private String tokenLink(String page, String rawToken) {
        return identity.link(page + "?token=" + URLEncoder.encode(rawToken, StandardCharsets.UTF_8));
    }
}
