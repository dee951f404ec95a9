package com.gopherpay.identity.ratelimit;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * One token bucket per client, in memory (each instance limits on its own). A client is an IPv4 address or an IPv6
 * /64: one subscriber usually gets a whole /64, so keying by full IPv6 address would give them unlimited buckets.
 */
@Component
class ClientRateLimiter {

    /** Only address literals are parsed: {@link InetAddress#getByName} would resolve anything else through DNS. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z]+)?");

    private static final int IPV6_PREFIX_BYTES = 8;

    private final RateLimitProperties properties;
    private final TimeMeter time;
    private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong nextEvictionNanos = new AtomicLong();
    private final Counter rejected;

    ClientRateLimiter(RateLimitProperties properties, MeterRegistry meters, Clock clock) {
        this.properties = properties;
        this.time = new ClockTimeMeter(clock);
        this.rejected = Counter.builder("identity.rate-limit.rejected")
                .description("Requests refused with 429")
                .register(meters);
    }

    /** Takes one token for {@code clientAddress}, or throws {@link RateLimited} saying when the next one is due. */
    void acquire(String clientAddress) {
        if (!properties.enabled()) {
            return;
        }
        String client = clientKey(clientAddress);
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= properties.maxClients() && !evictIdle()) {
                // A flood of distinct clients: refusing newcomers keeps everyone else's limit, resetting would not.
                throw refuse(properties.period().toSeconds());
            }
            bucket = buckets.computeIfAbsent(client, key -> newBucket());
        }
        ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            throw refuse(TimeUnit.NANOSECONDS.toSeconds(probe.getNanosToWaitForRefill() + 999_999_999L));
        }
    }

    /** The bucket key: the IPv4 address, or the /64 network of an IPv6 address. */
    static String clientKey(String address) {
        if (address == null
                || address.indexOf(':') < 0
                || !IPV6_LITERAL.matcher(address).matches()) {
            return String.valueOf(address);
        }
        try {
            InetAddress parsed = InetAddress.getByName(address);
            if (parsed instanceof Inet6Address) {
                byte[] bytes = parsed.getAddress();
                return HexFormat.of().formatHex(bytes, 0, IPV6_PREFIX_BYTES) + "::/64";
            }
            return parsed.getHostAddress(); // an IPv4-mapped address
        } catch (UnknownHostException e) {
            return address;
        }
    }

    /**
     * Drops buckets that are full again: they carry no state, so dropping one changes nothing for its client. Scans at
     * most once per refill of one token, so a flood of new clients cannot make every request scan the whole map.
     * Returns whether there is room now.
     */
    private boolean evictIdle() {
        long now = time.currentTimeNanos();
        long next = nextEvictionNanos.get();
        if (now - next >= 0 && nextEvictionNanos.compareAndSet(next, now + tokenIntervalNanos())) {
            buckets.values().removeIf(bucket -> bucket.getAvailableTokens() >= properties.requests());
        }
        return buckets.size() < properties.maxClients();
    }

    private long tokenIntervalNanos() {
        return Math.max(1, properties.period().toNanos() / properties.requests());
    }

    private RateLimited refuse(long retryAfterSeconds) {
        rejected.increment();
        return new RateLimited(Math.max(1, retryAfterSeconds));
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(properties.requests())
                        .refillGreedy(properties.requests(), properties.period())
                        .build())
                .withCustomTimePrecision(time)
                .build();
    }

    /** Bucket time from the injected clock, so tests can move it. */
    private record ClockTimeMeter(Clock clock) implements TimeMeter {

        @Override
        public long currentTimeNanos() {
            Instant now = clock.instant();
            return TimeUnit.SECONDS.toNanos(now.getEpochSecond()) + now.getNano();
        }

        @Override
        public boolean isWallClockBased() {
            return true;
        }
    }
}
