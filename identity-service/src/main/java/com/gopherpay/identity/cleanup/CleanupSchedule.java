package com.gopherpay.identity.cleanup;

import com.gopherpay.identity.audit.AuditTrail;
import com.gopherpay.identity.notification.SendBudget;
import com.gopherpay.identity.verification.VerificationReminders;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The account housekeeping, every {@link CleanupProperties#interval()} on each instance: deletes never-verified
 * accounts (one instance at a time), sends the verification reminders that are due, refreshes the pending-accounts
 * gauge, and prunes the audit trail and the send budget past their windows.
 */
@Component
public class CleanupSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CleanupSchedule.class);

    private final NeverVerifiedAccounts accounts;
    private final PendingAccountsGauge pending;
    private final CleanupProperties properties;
    private final AuditTrail audit;
    private final VerificationReminders reminders;
    private final SendBudget sendBudget;
    private final Clock clock;
    private volatile ScheduledExecutorService executor;

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
        if (executor != null || !properties.enabled()) {
            return;
        }
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "account-cleanup");
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.interval().toMillis();
        started.scheduleWithFixedDelay(this::guardedRun, interval, interval, TimeUnit.MILLISECONDS);
        executor = started;
    }

    @Override
    public synchronized void stop() {
        ScheduledExecutorService running = executor;
        if (running != null) {
            running.shutdownNow();
            executor = null;
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** One round of the housekeeping, as the schedule runs it; safe to call on several instances at once. */
    public void runOnce() {
        accounts.run();
        reminders.sendDue(clock.instant().minus(properties.gracePeriod()));
        pending.refresh();
        audit.prune();
        sendBudget.prune();
    }

    /** A failed run (database away) must not end the schedule; the next one retries. */
    private void guardedRun() {
        try {
            runOnce();
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                log.warn("Account cleanup failed, will retry: {}", e.toString());
            }
        }
    }
}
