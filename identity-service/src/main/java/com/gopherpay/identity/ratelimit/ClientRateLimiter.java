package com.gopherpay.identity.ratelimit;

import com.gopherpay.identity.audit.AuditAction;
import com.gopherpay.identity.audit.AuditTrail;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The rate limits: per client on registration, resend and forgot-password (one bucket for all that send email), per
 * client on email verification and password reset (one bucket: both check a token and may hash), per client on sign-in,
 * per client on the refresh-token endpoints, and one bucket for all registrations together. Buckets live in {@link BucketStore}, shared by every instance. A client is
 * an IPv4 address or an IPv6 /64: one subscriber usually gets a whole /64, so keying by full IPv6 address would give
 * them unlimited buckets.
 */
@Component
class ClientRateLimiter {

    /** Only address literals are parsed: {@link InetAddress#getByName} would resolve anything else through DNS. */
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]+(%[0-9A-Za-z]+)?");

    private static final int IPV6_PREFIX_BYTES = 8;

    private final RateLimitProperties properties;
    private final BucketStore buckets;
    private final Clock clock;
    private final MeterRegistry meters;
    private final AuditTrail audit;
    private final AtomicReference<Instant> nextPrune = new AtomicReference<>(Instant.MIN);

    ClientRateLimiter(
            RateLimitProperties properties, BucketStore buckets, MeterRegistry meters, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.properties = properties;
        this.buckets = buckets;
        this.clock = clock;
        this.meters = meters;
    }

    /** {@code POST /auth/register}: the client's own limit, then everyone's. */
    void acquireRegistration(String clientAddress) {
        if (!properties.enabled()) {
            return;
        }
        acquireSend(clientAddress);
        take(
                "registrations:*",
                properties.globalRegistrations(),
                properties.globalPeriod(),
                "global",
                seconds -> "The service is taking too many registrations right now. Try again in " + seconds
                        + " seconds.");
    }

    /** {@code POST /auth/verify-email/resend}: shares the client's bucket with registration, since both send email. */
    void acquireResend(String clientAddress) {
        if (properties.enabled()) {
            acquireSend(clientAddress);
        }
    }

    /** {@code POST /auth/verify-email}. */
    void acquireVerification(String clientAddress) {
        if (properties.enabled()) {
            take(
                    "verify:" + clientKey(clientAddress),
                    properties.verifyRequests(),
                    properties.period(),
                    "verify",
                    ClientRateLimiter::tooManyFromYou);
        }
    }

    /** {@code POST /auth/password/forgot}: sends email, so it shares the client's bucket with registration. */
    void acquirePasswordForgot(String clientAddress) {
        if (properties.enabled()) {
            acquireSend(clientAddress);
        }
    }

    /** {@code POST /auth/password/reset}: checks a token and hashes, like verification, and shares its bucket. */
    void acquirePasswordReset(String clientAddress) {
        acquireVerification(clientAddress);
    }

    /**
     * {@code POST /account/email}: checks the password (hashes, like verification: its bucket) and sends email (the
     * client's send bucket as well).
     */
    void acquireEmailChange(String clientAddress) {
        if (properties.enabled()) {
            acquireVerification(clientAddress);
            acquireSend(clientAddress);
        }
    }

    /** {@code POST /account/email/confirm} and {@code /cancel}: check a token, like verification, and share its bucket. */
    void acquireEmailChangeToken(String clientAddress) {
        acquireVerification(clientAddress);
    }

    /** {@code POST /auth/login}. */
    void acquireSignIn(String clientAddress) {
        if (properties.enabled()) {
            take(
                    "sign-in:" + clientKey(clientAddress),
                    properties.signInRequests(),
                    properties.period(),
                    "sign-in",
                    ClientRateLimiter::tooManyFromYou);
        }
    }

    /** Refresh, revoke and logout: no hashing, but each is a database round trip. */
    void acquireToken(String clientAddress) {
        if (properties.enabled()) {
            take(
                    "token:" + clientKey(clientAddress),
                    properties.tokenRequests(),
                    properties.period(),
                    "token",
                    ClientRateLimiter::tooManyFromYou);
        }
    }

    private void acquireSend(String clientAddress) {
        take(
                "send:" + clientKey(clientAddress),
                properties.requests(),
                properties.period(),
                "send",
                ClientRateLimiter::tooManyFromYou);
    }

    private static String tooManyFromYou(long seconds) {
        return "Too many requests from your address. Try again in " + seconds + " seconds.";
    }

    private void take(String key, int capacity, Duration period, String limit, Detail detail) {
        Instant now = clock.instant();
        pruneNowAndThen(now);
        BucketStore.Take take = buckets.take(key, capacity, period, now);
        if (!take.granted()) {
            meters.counter("identity.rate-limit.rejected", "limit", limit).increment();
            audit.record(AuditAction.RATE_LIMITED, limit, null, null);
            throw new RateLimited(take.retryAfterSeconds(), detail.of(take.retryAfterSeconds()));
        }
    }

    /** At most once per period per instance: a bucket idle for its whole period is full, so its row can go. */
    private void pruneNowAndThen(Instant now) {
        Instant next = nextPrune.get();
        Duration longest = properties.period().compareTo(properties.globalPeriod()) >= 0
                ? properties.period()
                : properties.globalPeriod();
        if (!now.isBefore(next) && nextPrune.compareAndSet(next, now.plus(longest))) {
            buckets.prune(now.minus(longest));
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

    @FunctionalInterface
    private interface Detail {
        String of(long retryAfterSeconds);
    }
}
