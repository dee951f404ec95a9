package com.gopherpay.identity.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/** One token bucket per client IP, in memory (each instance limits on its own). */
@Component
class ClientRateLimiter {

    private final RateLimitProperties properties;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Counter rejected;

    ClientRateLimiter(RateLimitProperties properties, MeterRegistry meters) {
        this.properties = properties;
        this.rejected = Counter.builder("identity.rate-limit.rejected")
                .description("Requests refused with 429")
                .register(meters);
    }

    /** Takes one token for {@code client}, or throws {@link RateLimited} saying when the next one is due. */
    void acquire(String client) {
        if (!properties.enabled()) {
            return;
        }
        if (buckets.size() >= properties.maxClients()) {
            evictIdle();
        }
        ConsumptionProbe probe =
                buckets.computeIfAbsent(client, key -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            rejected.increment();
            long seconds = TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L);
            throw new RateLimited(Math.max(1, seconds));
        }
    }

    /** A full bucket carries no state worth keeping: dropping it changes nothing for that client. */
    private void evictIdle() {
        buckets.entrySet().removeIf(entry -> entry.getValue().getAvailableTokens() >= properties.requests());
        if (buckets.size() >= properties.maxClients()) {
            buckets.clear(); // a flood of distinct addresses: forgetting is safer than running out of memory
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(properties.requests())
                        .refillGreedy(properties.requests(), properties.period())
                        .build())
                .build();
    }
}
