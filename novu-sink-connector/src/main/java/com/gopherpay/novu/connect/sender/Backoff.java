package com.gopherpay.novu.connect.sender;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter, or exactly the Retry-After the server asked for. The jitter spreads retries of many
 * tasks hitting the same outage; the cap bounds each wait, so that a task tries again within the cap of the API
 * answering again (the retry time budget bounds them all together). Retry-After (delta-seconds or an HTTP-date) is
 * honoured as it is, up to its own cap: the server knows when it takes requests again.
 */
public final class Backoff {

    private final Duration initial;
    private final Duration max;
    private final Duration retryAfterMax;
    private final Clock clock;
    private final DoubleSupplier random;

    /**
     * @param initial delay before the first retry (before jitter)
     * @param max upper bound of any delay, Retry-After included
     * @param clock for HTTP-date Retry-After values
     * @param random uniform values in [0, 1) for jitter
     */
    public Backoff(Duration initial, Duration max, Clock clock, DoubleSupplier random) {
        this(initial, max, max, clock, random);
    }

    /**
     * @param initial delay before the first retry (before jitter)
     * @param max upper bound of a backoff delay without Retry-After
     * @param retryAfterMax upper bound of a Retry-After the server asks for
     * @param clock for HTTP-date Retry-After values
     * @param random uniform values in [0, 1) for jitter
     */
    public Backoff(Duration initial, Duration max, Duration retryAfterMax, Clock clock, DoubleSupplier random) {
        this.initial = initial;
        this.max = max;
        this.retryAfterMax = retryAfterMax;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Delay before retry number {@code retry} (0 = first retry), given the failed response's Retry-After: exactly the
     * Retry-After (capped) when the server sent one that parses, else the jittered exponential delay.
     */
    public Duration delay(int retry, Optional<String> retryAfter) {
        Optional<Duration> serverAsked = retryAfter.flatMap(this::parseRetryAfter);
        if (serverAsked.isPresent()) {
            return serverAsked.get().compareTo(retryAfterMax) > 0 ? retryAfterMax : serverAsked.get();
        }
        long exponential = initial.toMillis() << Math.min(retry, 30);
        if (exponential <= 0 || exponential > max.toMillis()) {
            exponential = max.toMillis();
        }
        // "Equal jitter": at least half the exponential delay, so retries still back off.
        long jittered = exponential / 2 + (long) (random.getAsDouble() * (exponential - exponential / 2));
        return Duration.ofMillis(Math.min(jittered, max.toMillis()));
    }

    /** Retry-After as delta-seconds or an HTTP-date; empty when absent or unparseable. */
    Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), at.toInstant());
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
