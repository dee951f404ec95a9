package com.gopherpay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.notification.config.NotificationProperties;
import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(
            new NotificationProperties.Delivery(
                    true,
                    1,
                    50,
                    Duration.ofSeconds(1),
                    Duration.ofMinutes(2),
                    Duration.ofSeconds(2),
                    2.0,
                    Duration.ofMinutes(5),
                    Duration.ofHours(24),
                    new NotificationProperties.Outage(Duration.ofSeconds(1), Duration.ofSeconds(5))),
            new SplittableRandom(42));

    @Test
    void growsExponentiallyWithinJitterBounds() {
        assertThat(backoff.after(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(backoff.after(3)).isBetween(Duration.ofSeconds(4), Duration.ofSeconds(8));
    }

    @Test
    void neverExceedsMaximum() {
        assertThat(backoff.after(40)).isBetween(Duration.ofMinutes(2).plusSeconds(30), Duration.ofMinutes(5));
    }
}
