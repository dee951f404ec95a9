package com.gopherpay.identity.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How clients are told apart; what a bucket does is in {@link BucketStoreIT} and {@link SharedRateLimitIT}. */
class ClientRateLimiterTest {

    @Test
    void keysIpv4PerAddressAndIpv6PerSlash64() {
        assertThat(ClientRateLimiter.clientKey("203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientRateLimiter.clientKey("::ffff:203.0.113.7")).isEqualTo("203.0.113.7");
        assertThat(ClientRateLimiter.clientKey("2001:db8:1:2::1"))
                .isEqualTo(ClientRateLimiter.clientKey("2001:DB8:1:2:abcd::"))
                .isEqualTo("20010db800010002::/64");
        assertThat(ClientRateLimiter.clientKey("not-an-address:80")).isEqualTo("not-an-address:80");
    }
}
