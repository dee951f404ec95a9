package com.gopherpay.identity.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.IdentityServiceTestBase;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The token bucket in PostgreSQL, driven with explicit times. */
class BucketStoreIT extends IdentityServiceTestBase {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Autowired
    BucketStore buckets;

    private final Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void grantsTheCapacityThenRefillsEvenlyOverThePeriod() {
        String key = "test:" + UUID.randomUUID();

        assertThat(buckets.take(key, 2, MINUTE, t0).granted()).isTrue();
        assertThat(buckets.take(key, 2, MINUTE, t0).granted()).isTrue();
        BucketStore.Take refused = buckets.take(key, 2, MINUTE, t0.plusSeconds(10));
        assertThat(refused.granted()).isFalse();
        // Two tokens a minute: one every 30 s, 10 s of which have passed.
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);

        assertThat(buckets.take(key, 2, MINUTE, t0.plusSeconds(30)).granted()).isTrue();
        assertThat(buckets.take(key, 2, MINUTE, t0.plusSeconds(31)).granted()).isFalse();
        // Never more than full, however long it rested.
        Instant later = t0.plus(Duration.ofDays(1));
        assertThat(buckets.take(key, 2, MINUTE, later).granted()).isTrue();
        assertThat(buckets.take(key, 2, MINUTE, later).granted()).isTrue();
        assertThat(buckets.take(key, 2, MINUTE, later).granted()).isFalse();
    }

    @Test
    void doesNotRefillForAnInstanceWhoseClockIsBehind() {
        String key = "test:" + UUID.randomUUID();
        buckets.take(key, 1, MINUTE, t0.plusSeconds(60));

        assertThat(buckets.take(key, 1, MINUTE, t0).granted()).isFalse();
        assertThat(buckets.take(key, 1, MINUTE, t0.plusSeconds(119)).granted()).isFalse();
        assertThat(buckets.take(key, 1, MINUTE, t0.plusSeconds(120)).granted()).isTrue();
    }

    @Test
    void grantsExactlyTheCapacityToConcurrentTakers() throws Exception {
        String key = "test:" + UUID.randomUUID();
        ConcurrentLinkedQueue<Boolean> granted = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 40; i++) {
                pool.execute(() -> granted.add(
                        buckets.take(key, 10, Duration.ofHours(1), t0).granted()));
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(granted).hasSize(40).filteredOn(Boolean::booleanValue).hasSize(10);
    }

    @Test
    void prunesOnlyBucketsIdleLongEnoughToBeFullAgain() {
        String idle = "test:" + UUID.randomUUID();
        String busy = "test:" + UUID.randomUUID();
        buckets.take(idle, 1, MINUTE, t0.minus(Duration.ofMinutes(5)));
        buckets.take(busy, 1, MINUTE, t0);

        buckets.prune(t0.minus(MINUTE));

        assertThat(jdbc.sql("SELECT bucket_key FROM rate_limit_buckets WHERE bucket_key IN (:keys)")
                        .param("keys", java.util.List.of(idle, busy))
                        .query(String.class)
                        .list())
                .containsExactly(busy);
        assertThat(buckets.take(busy, 1, MINUTE, t0).granted()).isFalse();
    }
}
