package com.gopherpay.identity.verification;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Email verification tokens and resends.
 *
 * @param tokenTtl how long a verification link works
 * @param resendCooldown least time between two verification emails to one address
 * @param resendLimit most resent verification emails to one address per {@code resendWindow}
 * @param resendWindow the window {@code resendLimit} counts in
 */
@ConfigurationProperties("identity.verification")
public record VerificationProperties(
        @DefaultValue("60m") Duration tokenTtl,
        @DefaultValue("60s") Duration resendCooldown,
        @DefaultValue("5") int resendLimit,
        @DefaultValue("1h") Duration resendWindow) {

    public VerificationProperties {
        if (tokenTtl.isNegative() || tokenTtl.isZero() || resendLimit < 0) {
            throw new IllegalArgumentException("identity.verification.token-ttl must be positive and resend-limit ≥ 0");
        }
    }
}
