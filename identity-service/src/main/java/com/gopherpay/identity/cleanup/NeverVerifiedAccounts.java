package com.gopherpay.identity.cleanup;

import com.gopherpay.identity.user.AccountDeleted;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.Users;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes accounts still pending after the grace period, with their settings and tokens, so the address can be
 * registered again (Keycloak has no such job: keycloak#23908). Safe with any number of instances: a run holds a
 * transaction-scoped advisory lock, so one instance runs at a time, and rows are locked {@code SKIP LOCKED}, so a
 * verification under way is never deleted under it; each deletion publishes {@link AccountDeleted} once, in its
 * transaction.
 */
@Component
class NeverVerifiedAccounts {

    private static final Logger log = LoggerFactory.getLogger(NeverVerifiedAccounts.class);

    /** The advisory lock's key: any 64-bit number no other job of this database uses. */
    static final long LOCK_KEY = 0x6770_6964_636c_6e75L; // "gpidclnu"

    private final Users users;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ApplicationEventPublisher events;
    private final CleanupProperties properties;
    private final Clock clock;
    private final Counter deleted;

    NeverVerifiedAccounts(
            Users users,
            JdbcClient jdbc,
            TransactionTemplate transactions,
            ApplicationEventPublisher events,
            CleanupProperties properties,
            Clock clock,
            MeterRegistry meters) {
        this.users = users;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
        this.deleted = Counter.builder("identity.cleanup.deleted")
                .description("Accounts deleted because their address was never verified within the grace period")
                .register(meters);
    }

    /**
     * One run: batch after batch until no due account is left, or until another instance holds the lock. Returns the
     * accounts deleted (in a dry run, those that would have been).
     */
    int run() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant cutoff = now.minus(properties.gracePeriod());
        if (properties.dryRun()) {
            long due = users.countPendingCreatedBefore(cutoff);
            log.info("Cleanup dry run: {} accounts pending since before {} would be deleted", due, cutoff);
            return (int) Math.min(Integer.MAX_VALUE, due);
        }
        int total = 0;
        while (true) {
            Integer batch = transactions.execute(status -> deleteBatch(cutoff, now));
            if (batch == null || batch < 0) {
                break; // another instance is running the job
            }
            total += batch;
            deleted.increment(batch); // once committed
            if (batch < properties.batchSize()) {
                break;
            }
        }
        if (total > 0) {
            log.info("Cleanup deleted {} accounts pending since before {}", total, cutoff);
        }
        return total;
    }

    /** Deletes one batch; -1 when another instance holds the job's lock. */
    private int deleteBatch(Instant cutoff, Instant now) {
        boolean locked = Boolean.TRUE.equals(jdbc.sql("SELECT pg_try_advisory_xact_lock(?)")
                .param(LOCK_KEY)
                .query(Boolean.class)
                .single());
        if (!locked) {
            return -1;
        }
        List<User> due = users.lockPendingCreatedBefore(cutoff, properties.batchSize());
        for (User user : due) {
            if (users.delete(user.id())) {
                events.publishEvent(new AccountDeleted(user, now, AccountDeleted.NEVER_VERIFIED));
            }
        }
        return due.size();
    }
}
