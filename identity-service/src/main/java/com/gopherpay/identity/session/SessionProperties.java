package com.gopherpay.identity.session;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Refresh tokens.
 *
 * @param refreshTokenTtl how long a refresh token is valid; each refresh replaces it with a new one of this lifetime
 * @param maxLifetime the longest a session (a refresh-token family) lasts from sign-in, however often it is
 *     refreshed; then the person signs in again
 * @param cleanupInterval how often ended sessions (expired or revoked) are deleted with their refresh tokens
 * @param reuseGrace how long after a refresh token was rotated presenting it again counts as a concurrent refresh
 *     (two tabs refreshing at once, a retry after a lost response) and gets a new refresh token of the same session
 *     instead of ending it; later it is a reuse and ends the session. {@code 0s} treats every second use as a reuse
 */
@ConfigurationProperties("identity.session")
@Validated
public record SessionProperties(
        @DefaultValue("30d") @NotNull @DurationMin(minutes = 1)
        Duration refreshTokenTtl,

        @DefaultValue("90d") @NotNull @DurationMin(minutes = 1)
        Duration maxLifetime,

        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1)
        Duration cleanupInterval,

        @DefaultValue("10s") @NotNull @DurationMin(seconds = 0) @DurationMax(minutes = 1)
        Duration reuseGrace) {}
