package com.gopherpay.identity.signin;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The per-account sign-in throttle: increasing delays, never a lock-out (which would let anyone lock a victim out).
 * After {@code free-attempts} failed attempts on one address, the k-th further attempt has to wait
 * {@code base-delay} × 2^(k−1), at most {@code max-delay}, after the previous attempt; it is answered 429 with
 * Retry-After before any password is checked. A successful sign-in resets the count.
 *
 * @param freeAttempts failed attempts on an address before delays start
 * @param baseDelay the first delay; each further failure doubles it
 * @param maxDelay the longest delay
 * @param forgetAfter an address's failures are forgotten once no attempt was made on it for this long
 * @param cleanupInterval how often the counts of addresses without an attempt for {@code forget-after} are deleted
 */
@ConfigurationProperties("identity.sign-in")
@Validated
public record SignInProperties(
        @DefaultValue("5") @PositiveOrZero int freeAttempts,

        @DefaultValue("1s") @NotNull @DurationMin(seconds = 1)
        Duration baseDelay,

        @DefaultValue("15m") @NotNull @DurationMin(seconds = 1)
        Duration maxDelay,

        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1)
        Duration forgetAfter,

        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1)
        Duration cleanupInterval) {}
