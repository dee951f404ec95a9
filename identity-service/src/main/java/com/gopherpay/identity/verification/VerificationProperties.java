package com.gopherpay.identity.verification;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Email verification tokens and resends.
 *
 * @param tokenTtl how long a verification link works
 * @param resendCooldown least time between two verification emails to one address
 * @param resendLimit most resent verification emails to one address per {@code resendWindow}
 * @param resendWindow the window {@code resendLimit} counts in
 * @param resendThreads threads that handle resend requests after the 202 (so its timing reveals nothing)
 * @param resendQueueCapacity resend requests waiting for those threads; beyond it requests are dropped (and counted)
 * @param passwordAttempts wrong account passwords one token accepts while confirming an address; the last one
 *     invalidates it
 * @param liveTokens unexpired verification links that work at once per account: a resend keeps the newest earlier
 *     ones, so a link still on its way works when it arrives; issuing one more drops the oldest, and using any of them
 *     uses them all
 */
@ConfigurationProperties("identity.verification")
@Validated
public record VerificationProperties(
        @DefaultValue("60m") @NotNull @DurationMin(nanos = 0, inclusive = false)
        Duration tokenTtl,

        @DefaultValue("60s") @NotNull Duration resendCooldown,
        @DefaultValue("5") @PositiveOrZero int resendLimit,
        @DefaultValue("1h") @NotNull Duration resendWindow,
        @DefaultValue("2") @Positive int resendThreads,
        @DefaultValue("1000") @Positive int resendQueueCapacity,
        @DefaultValue("5") @Positive int passwordAttempts,
        @DefaultValue("3") @Positive @Max(10) int liveTokens) {}
