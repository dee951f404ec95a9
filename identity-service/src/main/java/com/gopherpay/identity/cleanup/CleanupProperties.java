package com.gopherpay.identity.cleanup;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Cleanup of accounts whose address was never verified.
 *
 * @param enabled whether the job runs at all
 * @param interval time between two runs of the job (on each instance; one runs at a time)
 * @param gracePeriod how long an account may stay unverified before it is deleted and its address is free again
 * @param dryRun only count and log what would be deleted, delete nothing
 * @param batchSize accounts deleted per transaction; a run goes on batch after batch until none is due
 */
@ConfigurationProperties("identity.cleanup")
@Validated
public record CleanupProperties(
        @DefaultValue("true") boolean enabled,

        @DefaultValue("5m") @NotNull @DurationMin(seconds = 1)
        Duration interval,

        @DefaultValue("7d") @NotNull @DurationMin(hours = 1) Duration gracePeriod,

        @DefaultValue("false") boolean dryRun,
        @DefaultValue("200") @Positive @Max(10_000) int batchSize) {}
