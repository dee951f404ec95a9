package com.gopherpay.identity.notification;

import com.gopherpay.identity.audit.AuditAction;
import com.gopherpay.identity.audit.AuditTrail;
import com.gopherpay.identity.config.IdentityProperties;
import com.gopherpay.identity.notification.VerificationEmailEvent.AccountExistsNoticeRequested;
import com.gopherpay.identity.notification.VerificationEmailEvent.UserRegistered;
import com.gopherpay.identity.notification.VerificationEmailEvent.VerificationResent;
import com.gopherpay.identity.outbox.Outbox;
import com.gopherpay.identity.user.EmailAddress;
import com.gopherpay.identity.user.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;

/**
 * The emails this service asks for, queued in the outbox of the caller's transaction (the one that stores the token
 * or finds the account).
 */
@Component
public class VerificationEmails {

    private final Outbox outbox;
    private final VerificationEmailRecords records;
    private final IdentityProperties identity;
    private final IdGenerator ids;
    private final AuditTrail audit;

    VerificationEmails(
            Outbox outbox,
            VerificationEmailRecords records,
            IdentityProperties identity,
            IdGenerator ids,
            AuditTrail audit) {
        this.audit = audit;
        this.outbox = outbox;
        this.records = records;
        this.identity = identity;
        this.ids = ids;
    }

    /** Queues the verification email of a new account, carrying {@code rawToken}. */
    public void userRegistered(User user, String rawToken, Instant expiresAt) {
        queue(new UserRegistered(ids.generateId(), user, verificationLink(rawToken), expiresAt));
    }

    /** Queues a fresh verification email carrying {@code rawToken}. */
    public void verificationResent(User user, String rawToken, Instant expiresAt) {
        queue(new VerificationResent(ids.generateId(), user, verificationLink(rawToken), expiresAt));
    }

    /** Queues the "you already have an account" notice. */
    public void accountExists(User user) {
        queue(new AccountExistsNoticeRequested(
                ids.generateId(), user, identity.publicBaseUrl().toString()));
    }

    /** Queues {@code event}; must run in the business transaction. */
    public void queue(VerificationEmailEvent event) {
        outbox.append(records.toRecord(event));
        User recipient = event.recipient();
        audit.record(
                AuditAction.EMAIL_QUEUED,
                event.workflow(),
                recipient.id(),
                EmailAddress.parse(recipient.email())
                        .map(EmailAddress::canonical)
                        .orElse(null),
                event.eventId());
    }

    private String verificationLink(String rawToken) {
        return identity.link("/verify-email?token=" + URLEncoder.encode(rawToken, StandardCharsets.UTF_8));
    }
}
