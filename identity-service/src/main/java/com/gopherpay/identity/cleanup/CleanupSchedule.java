package com.gopherpay.identity.cleanup;

import com.gopherpay.identity.audit.AuditTrail;
import com.gopherpay.identity.notification.SendBudget;
import com.gopherpay.identity.schedule.ScheduledJob;
import com.gopherpay.identity.verification.VerificationReminders;
import java.time.Clock;
import org.springframework.stereotype.Component;

/**
 * The account housekeeping, every {@link CleanupProperties#interval()} on each instance: deletes never-verified
 * accounts (one instance at a time), sends the verification reminders that are due, refreshes the pending-accounts
 * gauge, and prunes the audit trail and the send budget past their windows.
 */
@Component
public class CleanupSchedule extends ScheduledJob {

    private final NeverVerifiedAccounts accounts;
    private final PendingAccountsGauge pending;
    private final CleanupProperties properties;
    private final AuditTrail audit;
    private final VerificationReminders reminders;
    private final SendBudget sendBudget;
    private final Clock clock;

    CleanupSchedule(
            NeverVerifiedAccounts accounts,
            PendingAccountsGauge pending,
            CleanupProperties properties,
            AuditTrail audit,
            VerificationReminders reminders,
            SendBudget sendBudget,
            Clock clock) {
        super("account-cleanup", properties.interval(), properties.enabled());
        this.clock = clock;
        this.reminders = reminders;
        this.sendBudget = sendBudget;
        this.accounts = accounts;
        this.audit = audit;
        this.pending = pending;
        this.properties = properties;
    }

    @Override
    protected void runScheduled() {
        runOnce();
    }

    /** One round of the housekeeping, as the schedule runs it; safe to call on several instances at once. */
    public void runOnce() {
        accounts.run();
        reminders.sendDue(clock.instant().minus(properties.gracePeriod()));
        pending.refresh();
        audit.prune();
        sendBudget.prune();
    }
}
