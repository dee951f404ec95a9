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
 * @param resendThreads threads that handle resend requests after the 202 (so its timing reveals nothing)
 * @param resendQueueCapacity resend requests waiting for those threads; beyond it requests are dropped (and counted)
 * @param passwordAttempts wrong account passwords one token accepts while confirming an address; the last one
 *     invalidates it
 */
@ConfigurationProperties("identity.verification")
public record VerificationProperties(
        @DefaultValue("60m") Duration tokenTtl,
        @DefaultValue("60s") Duration resendCooldown,
        @DefaultValue("5") int resendLimit,
        @DefaultValue("1h") Duration resendWindow,
        @DefaultValue("2") int resendThreads,
        @DefaultValue("1000") int resendQueueCapacity,
        @DefaultValue("5") int passwordAttempts) {

    public VerificationProperties {
        if (tokenTtl.isNegative() || tokenTtl.isZero() || resendLimit < 0) {
            throw new IllegalArgumentException("identity.verification.token-ttl must be positive and resend-limit ≥ 0");
        }
        if (passwordAttempts < 1) {
            throw new IllegalArgumentException("identity.verification.password-attempts must be positive");
        }
        if (resendThreads < 1 || resendQueueCapacity < 1) {
            throw new IllegalArgumentException(
                    "identity.verification.resend-threads and resend-queue-capacity must be positive");
        }
    }
}
