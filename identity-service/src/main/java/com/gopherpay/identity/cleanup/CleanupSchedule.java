package com.gopherpay.identity.cleanup;

import com.gopherpay.identity.audit.AuditTrail;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Runs the cleanup every {@link CleanupProperties#interval()} on each instance (the job itself runs one at a time), and
 * prunes the audit trail past its retention.
 */
@Component
class CleanupSchedule implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(CleanupSchedule.class);

    private final NeverVerifiedAccounts accounts;
    private final PendingAccountsGauge pending;
    private final CleanupProperties properties;
    private final AuditTrail audit;
    private volatile ScheduledExecutorService executor;

    CleanupSchedule(
            NeverVerifiedAccounts accounts,
            PendingAccountsGauge pending,
            CleanupProperties properties,
            AuditTrail audit) {
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

    /** A failed run (database away) must not end the schedule; the next one retries. */
    private void guardedRun() {
        try {
            accounts.run();
            pending.refresh();
            audit.prune();
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                log.warn("Account cleanup failed, will retry: {}", e.toString());
            }
        }
    }
}
