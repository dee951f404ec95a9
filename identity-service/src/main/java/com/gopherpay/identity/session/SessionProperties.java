package com.gopherpay.identity.session;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
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
 */
@ConfigurationProperties("identity.session")
@Validated
public record SessionProperties(
        @DefaultValue("30d") @NotNull @DurationMin(minutes = 1)
        Duration refreshTokenTtl,

        @DefaultValue("90d") @NotNull @DurationMin(minutes = 1)
        Duration maxLifetime,

        @DefaultValue("1h") @NotNull @DurationMin(seconds = 1)
        Duration cleanupInterval) {}
