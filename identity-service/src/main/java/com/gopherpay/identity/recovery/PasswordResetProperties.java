package com.gopherpay.identity.recovery;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Password-reset links and the requests for them.
 *
 * @param tokenTtl how long a password-reset link works
 * @param maxLiveTokens most reset links of one account that work at the same time; issuing one more invalidates the
 *     oldest
 * @param requestCooldown least time between two password-reset emails to one address
 * @param requestLimit most password-reset emails to one address per {@code requestWindow}
 * @param requestWindow the window {@code requestLimit} counts in
 * @param requestThreads threads that handle forgot-password requests after the 202 (so its timing reveals nothing)
 * @param requestQueueCapacity forgot-password requests waiting for those threads; beyond it requests are dropped (and
 *     counted)
 */
@ConfigurationProperties("identity.password-reset")
@Validated
public record PasswordResetProperties(
        @DefaultValue("30m") @NotNull @DurationMin(nanos = 0, inclusive = false)
        Duration tokenTtl,

        @DefaultValue("3") @Positive int maxLiveTokens,
        @DefaultValue("60s") @NotNull Duration requestCooldown,
        @DefaultValue("5") @PositiveOrZero int requestLimit,
        @DefaultValue("1h") @NotNull Duration requestWindow,
        @DefaultValue("2") @Positive int requestThreads,
        @DefaultValue("1000") @Positive int requestQueueCapacity) {}
