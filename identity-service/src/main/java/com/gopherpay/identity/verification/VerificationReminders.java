package com.gopherpay.identity.verification;

import com.gopherpay.identity.audit.AuditAction;
import com.gopherpay.identity.audit.AuditTrail;
import com.gopherpay.identity.notification.AccountEmails;
import com.gopherpay.identity.user.EmailAddress;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.Users;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The one reminder a pending account gets, {@link VerificationProperties#reminderAfter()} after registration, with a
 * fresh link (the first one has long expired). Claimed with {@code SKIP LOCKED} and marked in the account's row, so
 * with any number of instances each account is reminded once; over the send budget it is marked and not sent.
 */
@Component
public class VerificationReminders {

    private static final int BATCH = 100;

    private final Users users;
    private final VerificationTokens tokens;
    private final AccountEmails emails;
    private final AuditTrail audit;
    private final VerificationProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final Counter sent;

    VerificationReminders(
            Users users,
            VerificationTokens tokens,
            AccountEmails emails,
            AuditTrail audit,
            VerificationProperties properties,
            TransactionTemplate transactions,
            Clock clock,
            MeterRegistry meters) {
        this.users = users;
        this.tokens = tokens;
        this.emails = emails;
        this.audit = audit;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.sent = Counter.builder("identity.verification.reminders")
                .description("Verification reminders queued for pending accounts")
                .register(meters);
    }

    /**
     * Reminds every account that is due, batch after batch; returns how many reminders were queued. Accounts created
     * before {@code notBefore} are left alone: they are past the cleanup's grace period and about to be deleted (and
     * locking them here would hold up that deletion).
     */
    public int sendDue(Instant notBefore) {
        if (!properties.reminders()) {
            return 0;
        }
        int total = 0;
        while (true) {
            int[] batch = transactions.execute(status -> remindBatch(notBefore));
            total += batch[1];
            sent.increment(batch[1]); // once committed
            if (batch[0] < BATCH) {
                return total;
            }
        }
    }

    /** {claimed, queued}. */
    private int[] remindBatch(Instant notBefore) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<User> due = users.lockDueForReminder(now.minus(properties.reminderAfter()), notBefore, BATCH);
        int queued = 0;
        for (User user : due) {
            users.markReminded(user.id(), now);
            String canonical = EmailAddress.parse(user.email())
                    .map(EmailAddress::canonical)
                    .orElse(null);
            if (!emails.withinBudget(user)) {
                audit.record(AuditAction.EMAIL_SUPPRESSED, "budget:verification-reminder", user.id(), canonical);
                continue;
            }
            tokens.keepNewest(user.id(), properties.liveTokens() - 1, now);
            IssuedToken token = tokens.issue(user.id(), VerificationTokens.Kind.REMINDER, now);
            if (emails.verificationReminder(user, token.raw(), token.expiresAt())) {
                queued++;
            }
        }
        return new int[] {due.size(), queued};
    }
}
