package com.gopherpay.identity.ratelimit;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Rate limits, counted in PostgreSQL so that they hold across every instance. A client is an IPv4 address or an IPv6
 * /64 network, taken from the connection's remote address; behind a reverse proxy set {@code
 * server.forward-headers-strategy=native} and {@code server.tomcat.remoteip.internal-proxies} so it comes from {@code
 * X-Forwarded-For} sent by that proxy only.
 *
 * @param enabled whether the limits apply at all (turn off only for load tests)
 * @param requests registration, resend, forgot-password and email-change requests one client may make per {@code
 *     period} (everything that sends email)
 * @param period the window {@code requests} and {@code verifyRequests} refill over
 * @param verifyRequests {@code POST /auth/verify-email}, {@code POST /auth/password/reset} and the email-change
 *     requests ({@code POST /account/email}, its confirm and cancel) one client may make per {@code period} (each
 *     checks a token or may hash a password)
 * @param signInRequests {@code POST /auth/login} requests one client may make per {@code period}; the per-account
 *     throttle of sign-in is separate and slows guessing at one account from many clients
 * @param tokenRequests refresh, revoke and logout requests one client may make per {@code period} (no hashing)
 * @param globalRegistrations registrations all clients together may make per {@code globalPeriod}, so that many
 *     addresses cannot together outrun what the service can hash
 * @param globalPeriod the window {@code globalRegistrations} refills over
 */
@ConfigurationProperties("identity.rate-limit")
@Validated
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20") @Positive int requests,

        @DefaultValue("1m") @NotNull @DurationMin(nanos = 0, inclusive = false)
        Duration period,

        @DefaultValue("10") @Positive int verifyRequests,
        @DefaultValue("30") @Positive int signInRequests,
        @DefaultValue("60") @Positive int tokenRequests,
        @DefaultValue("600") @Positive int globalRegistrations,

        @DefaultValue("1m") @NotNull @DurationMin(nanos = 0, inclusive = false)
        Duration globalPeriod) {}
