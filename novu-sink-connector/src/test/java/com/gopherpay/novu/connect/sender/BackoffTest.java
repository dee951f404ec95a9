package com.gopherpay.novu.connect.sender;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    private static Backoff backoff(double random) {
        return new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), CLOCK, () -> random);
    }

    @Test
    void doublesPerRetryWithinJitterBounds() {
        assertThat(backoff(0.0).delay(0, Optional.empty())).isEqualTo(Duration.ofMillis(500));
        assertThat(backoff(0.999).delay(0, Optional.empty())).isBetween(Duration.ofMillis(990), Duration.ofSeconds(1));
        assertThat(backoff(0.0).delay(3, Optional.empty())).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff(0.999).delay(3, Optional.empty()))
                .isBetween(Duration.ofMillis(7_990), Duration.ofSeconds(8));
    }

    @Test
    void neverExceedsTheMaximum() {
        assertThat(backoff(0.999).delay(10, Optional.empty())).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(backoff(0.999).delay(200, Optional.empty())).isLessThanOrEqualTo(Duration.ofSeconds(30));
        assertThat(backoff(0.0).delay(200, Optional.empty())).isGreaterThanOrEqualTo(Duration.ofSeconds(15));
    }

    @Test
    void waitsAtLeastRetryAfterSeconds() {
        assertThat(backoff(0.0).delay(0, Optional.of("7"))).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void honoursRetryAfterHttpDate() {
        assertThat(backoff(0.0).delay(0, Optional.of("Thu, 01 Jan 2026 00:00:12 GMT")))
                .isEqualTo(Duration.ofSeconds(12));
    }

    @Test
    void capsRetryAfterAtTheMaximum() {
        assertThat(backoff(0.0).delay(0, Optional.of("3600"))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void ignoresUnparseableRetryAfter() {
        assertThat(backoff(0.0).delay(0, Optional.of("soon"))).isEqualTo(Duration.ofMillis(500));
    }
}
