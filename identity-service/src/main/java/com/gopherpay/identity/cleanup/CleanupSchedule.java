package com.gopherpay.identity.cleanup;

import com.gopherpay.identity.audit.AuditTrail;
import com.gopherpay.identity.notification.SendBudget;
import com.gopherpay.identity.schedule.PeriodicTask;
import com.gopherpay.identity.verification.VerificationReminders;
import java.time.Clock;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The account housekeeping, every {@link CleanupProperties#interval()} on each instance: deletes never-verified
 * accounts (one instance at a time), sends the verification reminders that are due, refreshes the pending-accounts
 * gauge, and prunes the audit trail and the send budget past their windows.
 */
@Component
public class CleanupSchedule implements SmartLifecycle {

    private final NeverVerifiedAccounts accounts;
    private final PendingAccountsGauge pending;
    private final CleanupProperties properties;
    private final AuditTrail audit;
    private final VerificationReminders reminders;
    private final SendBudget sendBudget;
    private final Clock clock;
    private volatile PeriodicTask task;

    CleanupSchedule(
            NeverVerifiedAccounts accounts,
            PendingAccountsGauge pending,
            CleanupProperties properties,
            AuditTrail audit,
            VerificationReminders reminders,
            SendBudget sendBudget,
            Clock clock) {
        this.clock = clock;
        this.reminders = reminders;
        this.sendBudget = sendBudget;
        this.accounts = accounts;
        this.audit = audit;
        this.pending = pending;
        this.properties = properties;
    }

    @Override
    public synchronized void start() {
        if (task == null && properties.enabled()) {
            task = PeriodicTask.start("account-cleanup", properties.interval(), properties.interval(), this::runOnce);
        }
    }

    @Override
    public synchronized void stop() {
        if (task != null) {
            task.stop();
            task = null;
        }
    }

    @Override
    public boolean isRunning() {
        return task != null;
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
