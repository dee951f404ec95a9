package com.gopherpay.notification.delivery;

import com.gopherpay.notification.config.NotificationProperties;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with full jitter on the upper half, so many failed messages don't retry in lockstep. */
final class Backoff {

    private final NotificationProperties.Delivery settings;
    private final RandomGenerator random;

    Backoff(NotificationProperties.Delivery settings, RandomGenerator random) {
        this.settings = settings;
        this.random = random;
    }

    /** Wait before the attempt after {@code attempts} failed ones. */
    Duration after(int attempts) {
        double base = settings.initialBackoff().toMillis()
                * Math.pow(settings.backoffMultiplier(), Math.max(0, attempts - 1));
        double capped = Math.min(base, settings.maxBackoff().toMillis());
        long jittered = (long) (capped / 2 + random.nextDouble() * capped / 2);
        return Duration.ofMillis(Math.max(1, jittered));
    }
}
