package com.gopherpay.identity.verification;

import com.gopherpay.identity.notification.Notifications;
import com.gopherpay.identity.outbox.Outbox;
import com.gopherpay.identity.user.EmailAddress;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.UserStatus;
import com.gopherpay.identity.user.Users;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Confirms email addresses with single-use tokens, and sends new tokens on request. */
@Service
class VerificationService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VerificationService.class);

    private final Users users;
    private final VerificationTokens tokens;
    private final Notifications notifications;
    private final VerificationProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ThreadPoolExecutor resends;
    private final Counter resendsHandled;
    private final Counter resendsDropped;

    VerificationService(
            Users users,
            VerificationTokens tokens,
            Notifications notifications,
            VerificationProperties properties,
            TransactionTemplate transactions,
            Clock clock,
            MeterRegistry meters) {
        this.users = users;
        this.tokens = tokens;
        this.notifications = notifications;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.resendsHandled = Counter.builder("identity.verification.resends.handled")
                .description("Resend requests handled after the 202, whatever their outcome")
                .register(meters);
        this.resendsDropped = Counter.builder("identity.verification.resends.dropped")
                .description("Resend requests dropped because the resend queue was full")
                .register(meters);
        AtomicInteger threads = new AtomicInteger();
        this.resends = new ThreadPoolExecutor(
                properties.resendThreads(),
                properties.resendThreads(),
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.resendQueueCapacity()),
                runnable -> {
                    Thread thread = new Thread(runnable, "verification-resend-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                (task, executor) -> resendsDropped.increment());
    }

    /**
     * Uses the token and activates its user.
     *
     * @throws VerificationTokenInvalid unknown, used or superseded token
     * @throws VerificationTokenExpired the token's time is up
     */
    User verify(String rawToken) {
        return transactions.execute(status -> {
            // Lock the user before the token, in the same order as resend, so the two cannot deadlock.
            var found = tokens.find(rawToken).orElseThrow(VerificationTokenInvalid::new);
            User user = users.lock(found.userId()).orElseThrow(VerificationTokenInvalid::new);
            var token = tokens.lock(rawToken).orElseThrow(VerificationTokenInvalid::new);
            if (token.used() || token.invalidated()) {
                throw new VerificationTokenInvalid();
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
            if (!now.isBefore(token.expiresAt())) {
                throw new VerificationTokenExpired();
            }
            tokens.markUsed(rawToken, now);
            tokens.invalidateOutstanding(user.id(), now);
            return users.activate(user, now);
        });
    }

    /**
     * Sends a new verification email when the address belongs to a pending account and the cooldown and hourly limit
     * allow it; otherwise does nothing. Returns at once and does the work on a resend thread: the caller's answer is
     * the same either way, and so is its timing, so it reveals nothing.
     */
    void resend(String email) {
        // No account has an address that does not parse (registration refuses those), so there is nothing to look up;
        // this also keeps characters PostgreSQL cannot store (NUL) out of the query.
        Optional<EmailAddress> address = EmailAddress.parse(email);
        if (address.isEmpty()) {
            return;
        }
        String canonical = address.get().canonical();
        String traceparent = Outbox.currentTraceparent();
        resends.execute(() -> {
            try {
                Outbox.withTraceparent(traceparent, () -> resendIfDue(canonical));
            } catch (RuntimeException e) {
                // The person was answered already; they can ask again once the database is back.
                log.warn("Resend request failed: {}", e.toString());
            } finally {
                resendsHandled.increment();
            }
        });
    }

    private void resendIfDue(String canonical) {
        transactions.executeWithoutResult(status -> {
            User user = users.lockByCanonicalEmail(canonical).orElse(null);
            if (user == null || user.status() != UserStatus.PENDING_VERIFICATION) {
                return;
            }
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
            boolean coolingDown = tokens.lastIssuedAt(user.id())
                    .map(last -> last.isAfter(now.minus(properties.resendCooldown())))
                    .orElse(false);
            if (coolingDown
                    || tokens.resendsSince(user.id(), now.minus(properties.resendWindow()))
                            >= properties.resendLimit()) {
                return;
            }
            tokens.invalidateOutstanding(user.id(), now);
            IssuedToken token = tokens.issue(user.id(), VerificationTokens.Kind.RESEND, now);
            notifications.emailVerification(user, token.raw(), token.expiresAt(), "VerificationResent");
        });
    }

    /** Lets queued resends finish for a moment; the rest are dropped, as the answer promised nothing. */
    @Override
    public void destroy() throws InterruptedException {
        resends.shutdown();
        if (!resends.awaitTermination(5, TimeUnit.SECONDS)) {
            resends.shutdownNow();
        }
    }
}
