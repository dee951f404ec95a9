package com.gopherpay.identity.ratelimit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Per-client limit on registration and resend requests. A client is an IPv4 address or an IPv6 /64 network, taken
 * from the connection's remote address; behind a reverse proxy set {@code server.forward-headers-strategy=native} so
 * it comes from {@code X-Forwarded-For}.
 *
 * @param enabled whether the limit applies at all (turn off only for load tests)
 * @param requests requests one client may make per {@code period}
 * @param period the window {@code requests} refill over
 * @param maxClients client buckets kept in memory; when full, buckets that have refilled are dropped, and while none
 *     can be, clients without a bucket get 429
 */
@ConfigurationProperties("identity.rate-limit")
public record RateLimitProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("20") int requests,
        @DefaultValue("1m") Duration period,
        @DefaultValue("100000") int maxClients) {

    public RateLimitProperties {
        if (requests < 1 || period.isZero() || period.isNegative() || maxClients < 1) {
            throw new IllegalArgumentException("identity.rate-limit settings must be positive");
        }
    }
}
