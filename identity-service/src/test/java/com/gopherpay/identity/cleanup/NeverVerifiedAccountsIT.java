package com.gopherpay.identity.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityEvents;
import com.gopherpay.identity.IdentityServiceTestBase;
import com.gopherpay.identity.user.Users;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.support.TransactionTemplate;

/** The cleanup of never-verified accounts, run against the real database with the test's movable clock. */
class NeverVerifiedAccountsIT extends IdentityServiceTestBase {

    @Autowired
    NeverVerifiedAccounts accounts;

    @Autowired
    PendingAccountsGauge pendingGauge;

    @Autowired
    Users users;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    MeterRegistry meters;

    @Test
    void deletesAccountsPendingPastTheGracePeriodOnceEvenWhenTwoRunsRaceAndFreesTheirAddresses() throws Exception {
        String staleEmail = Api.uniqueEmail("stale");
        String stale = register(staleEmail);
        String verifiedEmail = Api.uniqueEmail("verified-in-time");
        String verified = register(verifiedEmail);
        assertThat(api().post("/auth/verify-email", Api.verification(awaitToken(verified, 1)))
                        .status())
                .isEqualTo(200);
        clock.advance(Duration.ofDays(7).plusMinutes(1));
        String recentEmail = Api.uniqueEmail("recent");
        String recent = register(recentEmail);

        // Two runs at once, as two instances' schedules would: each account is deleted once.
        CyclicBarrier start = new CyclicBarrier(2);
        Callable<Integer> run = () -> {
            start.await(10, TimeUnit.SECONDS);
            return accounts.run();
        };
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = pool.invokeAll(List.of(run, run));
            int deletedByBoth = runs.get(0).get() + runs.get(1).get();
            assertThat(deletedByBoth).isGreaterThanOrEqualTo(1);
        } finally {
            pool.shutdownNow();
        }

        assertThat(exists(stale)).isFalse();
        assertThat(exists(verified)).isTrue();
        assertThat(exists(recent)).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM identity.email_verifications WHERE user_id = ?::uuid")
                        .param(stale)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM identity.user_settings WHERE user_id = ?::uuid")
                        .param(stale)
                        .query(Long.class)
                        .single())
                .isZero();

        List<ConsumerRecord<String, String>> staleEvents = IdentityEvents.await(bootstrapServers(), stale, 2);
        assertThat(staleEvents).extracting(IdentityEvents::type).containsExactly("registered", "deleted");
        staleEvents.forEach(record -> IdentityEvents.assertValid(record, stale, staleEmail));
        assertThat(IdentityEvents.data(staleEvents.get(1)).get("reason").asString())
                .isEqualTo("never-verified");
        assertThat(meters.get("identity.cleanup.deleted").counter().count()).isGreaterThanOrEqualTo(1);

        // The address is free again: a new registration creates a new account.
        String again = register(staleEmail);
        assertThat(again).isNotEqualTo(stale);
    }

    @Test
    void aDryRunCountsAndDeletesNothing() {
        String email = Api.uniqueEmail("dry-run");
        String userId = register(email);
        clock.advance(Duration.ofDays(8));
        CleanupProperties dryRun = new CleanupProperties(true, Duration.ofMinutes(5), Duration.ofDays(7), true, 200);
        NeverVerifiedAccounts counting =
                new NeverVerifiedAccounts(users, jdbc, transactions, events, dryRun, clock, meters);

        assertThat(counting.run()).isGreaterThanOrEqualTo(1);

        assertThat(exists(userId)).isTrue();
    }

    @Test
    void reportsPendingAccountsByAge() {
        clock.advance(Duration.ofDays(30)); // everything registered so far is now at least 30 days old
        register(Api.uniqueEmail("age-new"));
        pendingGauge.refresh();

        assertThat(meters.get("identity.accounts.pending")
                        .tag("age", "lt-1h")
                        .gauge()
                        .value())
                .isEqualTo(1.0);
        assertThat(meters.get("identity.accounts.pending")
                        .tag("age", "1h-1d")
                        .gauge()
                        .value())
                .isZero();
    }

    private boolean exists(String userId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM identity.users WHERE id = ?::uuid)")
                .param(userId)
                .query(Boolean.class)
                .single();
    }
}
