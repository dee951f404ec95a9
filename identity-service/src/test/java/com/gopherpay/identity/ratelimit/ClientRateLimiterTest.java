package com.gopherpay.identity.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.gopherpay.identity.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    private final MutableClock clock = new MutableClock();

    @Test
    void limitsAnIpv6NetworkAsOneClient() {
        ClientRateLimiter limiter = limiter(2, 100);

        limiter.acquire("2001:db8:1:2::1");
        limiter.acquire("2001:db8:1:2:ffff:ffff:ffff:fffe");

        assertThatThrownBy(() -> limiter.acquire("2001:0db8:0001:0002:0:0:0:99"))
                .isInstanceOf(RateLimited.class);
        assertThatCode(() -> limiter.acquire("2001:db8:1:3::1")).doesNotThrowAnyException();
    }

    @Test
    void keysIpv4PerAddressAndIpv6PerSlash64() {
        assertThat(ClientRateLimiter.clientKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientRateLimiter.clientKey("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientRateLimiter.clientKey("2001:db8:1:2::1"))
                .isEqualTo(ClientRateLimiter.clientKey("2001:DB8:1:2:abcd::"))
                .isEqualTo("20010db800010002::/64");
        assertThat(ClientRateLimiter.clientKey("not-an-address:80")).isEqualTo("not-an-address:80");
    }

    @Test
    void refusesNewClientsWhenFullInsteadOfResettingEveryonesLimit() {
        ClientRateLimiter limiter = limiter(2, 2);
        limiter.acquire("198.51.100.1");
        limiter.acquire("198.51.100.2");

        assertThatThrownBy(() -> limiter.acquire("198.51.100.3"))
                .isInstanceOfSatisfying(
                        RateLimited.class,
                        e -> assertThat(e.retryAfterSeconds()).isPositive());

        // The first client's spent token is still spent: one left, then limited.
        limiter.acquire("198.51.100.1");
        assertThatThrownBy(() -> limiter.acquire("198.51.100.1")).isInstanceOf(RateLimited.class);
    }

    @Test
    void makesRoomByDroppingBucketsThatHaveRefilled() {
        ClientRateLimiter limiter = limiter(2, 2);
        limiter.acquire("198.51.100.1");
        limiter.acquire("198.51.100.2");
        limiter.acquire("198.51.100.2");

        clock.advance(Duration.ofSeconds(40)); // a minute refills two tokens: .1 is full again, .2 is not
        limiter.acquire("198.51.100.3");

        // .2 kept its bucket (half spent), so it has one token, not a fresh two.
        limiter.acquire("198.51.100.2");
        assertThatThrownBy(() -> limiter.acquire("198.51.100.2")).isInstanceOf(RateLimited.class);
    }

    private ClientRateLimiter limiter(int requests, int maxClients) {
        return new ClientRateLimiter(
                new RateLimitProperties(true, requests, Duration.ofMinutes(1), maxClients),
                new SimpleMeterRegistry(),
                clock);
    }
}
