package com.gopherpay.identity.notification;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * One send budget per recipient address, across every kind of account email (verification, resend, reminder,
 * account-exists notice, password reset, email change), counted in PostgreSQL so that it holds across instances.
 * Over budget, nothing is sent and the endpoints answer as always.
 *
 * @param enabled whether the budget applies (turn off only for load tests)
 * @param shortLimit emails one address may get per {@code shortWindow}
 * @param shortWindow the window {@code shortLimit} counts in
 * @param longLimit emails one address may get per {@code longWindow}
 * @param longWindow the window {@code longLimit} counts in; sends older than it are pruned
 */
@ConfigurationProperties("identity.send-budget")
@Validated
public record SendBudgetProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10") @Positive int shortLimit,

        @DefaultValue("10m") @NotNull @DurationMin(seconds = 1)
        Duration shortWindow,

        @DefaultValue("30") @Positive int longLimit,

        @DefaultValue("24h") @NotNull @DurationMin(seconds = 1)
        Duration longWindow) {

    public SendBudgetProperties {
        if (shortWindow != null && longWindow != null && shortWindow.compareTo(longWindow) > 0) {
            throw new IllegalArgumentException(
                    "identity.send-budget.short-window must not be longer than identity.send-budget.long-window");
        }
    }
}
