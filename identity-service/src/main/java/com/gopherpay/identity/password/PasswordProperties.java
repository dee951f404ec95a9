package com.gopherpay.identity.password;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Password rules and the Argon2id cost (defaults: OWASP's m=19 MiB, t=2, p=1).
 *
 * @param minLength fewest code points a password may have; 15 because NIST SP 800-63B-4 asks for at least 15 when the
 *     password is the only authentication factor, as it is here
 * @param maxLength most code points a password may have (bounds hashing work per request)
 * @param memoryKib Argon2id memory cost in KiB
 * @param iterations Argon2id time cost (passes over memory)
 * @param parallelism Argon2id lanes
 * @param saltLength random salt bytes per hash
 * @param hashLength derived key bytes
 * @param maxConcurrentHashes hashes computed at once; 0 means one per CPU core, so memory and latency stay bounded
 * @param maxQueueWait longest a request waits for a free hashing slot before it is answered 503 with Retry-After
 * @param maxQueuedHashes most requests waiting for a hashing slot at once; one more is answered 503 at once, so a
 *     burst of hashing requests cannot hold every HTTP thread
 * @param implementation which Argon2id implementation hashes: {@code auto} (native libargon2 where it loads, else
 *     Bouncy Castle with a WARN line), {@code native} (start-up fails where it cannot load) or {@code java}; both give
 *     the same PHC strings, so the choice can change at any time
 */
@ConfigurationProperties("identity.password")
public record PasswordProperties(
        @DefaultValue("15") int minLength,
        @DefaultValue("128") int maxLength,
        @DefaultValue("19456") int memoryKib,
        @DefaultValue("2") int iterations,
        @DefaultValue("1") int parallelism,
        @DefaultValue("16") int saltLength,
        @DefaultValue("32") int hashLength,
        @DefaultValue("0") int maxConcurrentHashes,
        @DefaultValue("2s") Duration maxQueueWait,
        @DefaultValue("32") int maxQueuedHashes,
        @DefaultValue("auto") HashImplementation implementation) {

    @ConstructorBinding
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
        if (maxQueueWait == null || maxQueueWait.isNegative() || maxQueuedHashes < 0) {
            throw new IllegalArgumentException(
                    "identity.password.max-queue-wait and identity.password.max-queued-hashes must be ≥ 0");
        }
        if (implementation == null) {
            throw new IllegalArgumentException("identity.password.implementation must be auto, native or java");
        }
    }

    /** As the canonical constructor, with {@code implementation=auto}. */
    public PasswordProperties(
            int minLength,
            int maxLength,
            int memoryKib,
            int iterations,
            int parallelism,
            int saltLength,
            int hashLength,
            int maxConcurrentHashes,
            Duration maxQueueWait,
            int maxQueuedHashes) {
        this(
                minLength,
                maxLength,
                memoryKib,
                iterations,
                parallelism,
                saltLength,
                hashLength,
                maxConcurrentHashes,
                maxQueueWait,
                maxQueuedHashes,
                HashImplementation.AUTO);
    }

    /** The defaults, with the Argon2id cost and concurrency given (for tests and tools). */
    public static PasswordProperties withCost(int memoryKib, int iterations, int maxConcurrentHashes) {
        return withCost(memoryKib, iterations, maxConcurrentHashes, HashImplementation.AUTO);
    }

    /** The defaults, with the Argon2id cost, concurrency and implementation given (for tests and tools). */
    public static PasswordProperties withCost(
            int memoryKib, int iterations, int maxConcurrentHashes, HashImplementation implementation) {
        return new PasswordProperties(
                15,
                128,
                memoryKib,
                iterations,
                1,
                16,
                32,
                maxConcurrentHashes,
                Duration.ofSeconds(2),
                32,
                implementation);
    }

    int effectiveConcurrency() {
        return maxConcurrentHashes == 0 ? Runtime.getRuntime().availableProcessors() : maxConcurrentHashes;
    }
}
