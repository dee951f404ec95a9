package com.gopherpay.identity.password;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password rules and the Argon2id cost (defaults: OWASP's m=19 MiB, t=2, p=1).
 *
 * @param minLength fewest code points a password may have
 * @param maxLength most code points a password may have (bounds hashing work per request)
 * @param memoryKib Argon2id memory cost in KiB
 * @param iterations Argon2id time cost (passes over memory)
 * @param parallelism Argon2id lanes
 * @param saltLength random salt bytes per hash
 * @param hashLength derived key bytes
 * @param maxConcurrentHashes hashes computed at once; 0 means one per CPU core, so memory and latency stay bounded
 */
@ConfigurationProperties("identity.password")
public record PasswordProperties(
        @DefaultValue("12") int minLength,
        @DefaultValue("128") int maxLength,
        @DefaultValue("19456") int memoryKib,
        @DefaultValue("2") int iterations,
        @DefaultValue("1") int parallelism,
        @DefaultValue("16") int saltLength,
        @DefaultValue("32") int hashLength,
        @DefaultValue("0") int maxConcurrentHashes) {

    public PasswordProperties {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException(
                    "identity.password.min-length must be ≥ 1 and ≤ identity.password.max-length");
        }
        if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1 || saltLength < 8 || hashLength < 16) {
            throw new IllegalArgumentException("identity.password Argon2id parameters are below RFC 9106 minimums");
        }
        if (maxConcurrentHashes < 0) {
            throw new IllegalArgumentException("identity.password.max-concurrent-hashes must be ≥ 0");
        }
    }

    int effectiveConcurrency() {
        return maxConcurrentHashes == 0 ? Runtime.getRuntime().availableProcessors() : maxConcurrentHashes;
    }
}
