package com.gopherpay.identity.cleanup;

import com.gopherpay.identity.user.Users;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * {@code identity.accounts.pending} by {@code age}: how many accounts wait for verification, in buckets an operator
 * reads at a glance (a growing {@code 1d-7d} bucket means verification mail is not arriving). Refreshed by each
 * cleanup run rather than on every scrape, so scrapes cost no query.
 */
@Component
class PendingAccountsGauge {

    private static final List<Duration> BOUNDS = List.of(Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7));
    private static final List<String> BUCKETS = List.of("lt-1h", "1h-1d", "1d-7d", "ge-7d");

    private final Users users;
    private final Clock clock;
    private final MultiGauge gauge;

    PendingAccountsGauge(Users users, Clock clock, MeterRegistry meters) {
        this.users = users;
        this.clock = clock;
        this.gauge = MultiGauge.builder("identity.accounts.pending")
                .description("Accounts waiting for their address to be verified, by time since registration")
                .register(meters);
    }

    void refresh() {
        Instant now = clock.instant();
        List<Instant> since = BOUNDS.stream().map(now::minus).toList();
        List<Long> counts = users.countPendingByAge(since);
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (int i = 0; i < BUCKETS.size(); i++) {
            rows.add(MultiGauge.Row.of(Tags.of("age", BUCKETS.get(i)), counts.get(i)));
        }
        gauge.register(rows, true);
    }
}
