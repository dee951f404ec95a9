package com.gopherpay.identity.verification;

import com.gopherpay.identity.notification.AccountEmails;
import com.gopherpay.identity.password.HashingBusy;
import com.gopherpay.identity.password.PasswordHasher;
import com.gopherpay.identity.password.PasswordRules;
import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.InvalidInput;
import com.gopherpay.identity.tracing.TraceContext;
import com.gopherpay.identity.user.EmailAddress;
import com.gopherpay.identity.user.PasswordChanged;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.UserStatus;
import com.gopherpay.identity.user.Users;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Confirms email addresses with single-use tokens, and sends new tokens on request. */
@Service
class VerificationService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(VerificationService.class);

    private final Users users;
    private final PasswordHasher hasher;
    private final PasswordRules passwordRules;
    private final VerificationTokens tokens;
    private final AccountEmails accountEmails;
    private final ApplicationEventPublisher events;
    private final VerificationProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ThreadPoolExecutor resends;
    private final Counter resendsHandled;
    private final Counter resendsDropped;

    VerificationService(
            Users users,
            PasswordHasher hasher,
            PasswordRules passwordRules,
            VerificationTokens tokens,
            AccountEmails accountEmails,
            ApplicationEventPublisher events,
            VerificationProperties properties,
            TransactionTemplate transactions,
            Clock clock,
            MeterRegistry meters) {
        this.users = users;
        this.hasher = hasher;
        this.passwordRules = passwordRules;
        this.tokens = tokens;
        this.accountEmails = accountEmails;
        this.events = events;
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
     * Uses the token and activates its user, if the caller also proves the account's password. Confirming by the
     * link alone would let whoever registered someone else's address (with a password of their own) have the owner
     * activate it for them with one click, or a link scanner do so: a pre-hijacked account.
     *
     * <p>The token is checked first and costs no hashing. Every password check then reserves one of the token's
     * {@code passwordAttempts} in the database before hashing, so concurrent guesses cannot exceed the limit; the
     * attempt that reaches it without the right password invalidates the token.
     *
     * @throws VerificationTokenInvalid unknown, used or superseded token
     * @throws VerificationTokenExpired the token's time is up
     * @throws VerificationTokenLocked the token's password attempts are used up
     * @throws VerificationPasswordIncorrect the password is not the account's; attempts are left
     */
    User verifyWithPassword(String rawToken, String password) {
        VerificationTokens.StoredToken found = usable(rawToken);
        String phc = users.passwordHash(found.userId()).orElseThrow(VerificationTokenInvalid::new);
        int attempt = tokens.reserveAttempt(rawToken, properties.passwordAttempts())
                .orElseThrow(() -> tokens.find(rawToken)
                                .filter(t -> t.passwordAttempts() >= properties.passwordAttempts())
                                .isPresent()
                        ? new VerificationTokenLocked()
                        : new VerificationTokenInvalid());
        boolean matches;
        try {
            matches = hasher.matches(password, phc);
        } catch (HashingBusy e) {
            tokens.refundAttempt(rawToken);
            throw e;
        }
        if (!matches) {
            int left = properties.passwordAttempts() - attempt;
            if (left <= 0) {
                tokens.burn(rawToken, now());
                throw new VerificationTokenLocked();
            }
            throw new VerificationPasswordIncorrect(left);
        }
        // Unchanged hash: a concurrent "set a new password" on another link of this account has not replaced it.
        return consume(rawToken, (user, now) -> {
            if (!users.passwordHash(user.id()).orElse("").equals(phc)) {
                throw new VerificationTokenInvalid();
            }
        });
    }

    /**
     * Uses the token, replaces the account's password with {@code newPassword} (which must meet the registration
     * rules) and activates the account: the way for the owner of an address who does not know the password someone
     * else registered it with. That password stops working. Publishes {@link PasswordChanged} in the transaction that
     * stores the new hash, so its listeners (the account's sessions, outstanding reset links) act in it.
     *
     * @throws InvalidInput the new password breaks a rule
     * @throws VerificationTokenInvalid unknown, used or superseded token
     * @throws VerificationTokenExpired the token's time is up
     * @throws VerificationTokenLocked the token's password attempts are used up
     */
    User verifyWithNewPassword(String rawToken, String newPassword) {
        VerificationTokens.StoredToken found = usable(rawToken);
        User owner = users.find(found.userId()).orElseThrow(VerificationTokenInvalid::new);
        String localPart =
                EmailAddress.parse(owner.email()).map(EmailAddress::localPart).orElse(null);
        passwordRules.problem(newPassword, localPart, owner.fullName()).ifPresent(message -> {
            throw new InvalidInput(List.of(new FieldProblem("newPassword", message)));
        });
        String phc = hasher.hash(newPassword);
        return consume(rawToken, (user, now) -> {
            users.replacePasswordHash(user.id(), phc);
            // Listeners (the account's sessions) act in this transaction.
            events.publishEvent(new PasswordChanged(user.id(), now));
        });
    }

    /** The token if it can still be used, read without locks (the final transaction checks again). */
    private VerificationTokens.StoredToken usable(String rawToken) {
        VerificationTokens.StoredToken token = tokens.find(rawToken).orElseThrow(VerificationTokenInvalid::new);
        check(token);
        return token;
    }

    private void check(VerificationTokens.StoredToken token) {
        if (token.passwordAttempts() >= properties.passwordAttempts() && token.invalidated() && !token.used()) {
            throw new VerificationTokenLocked();
        }
        if (token.used() || token.invalidated()) {
            throw new VerificationTokenInvalid();
        }
        if (!now().isBefore(token.expiresAt())) {
            throw new VerificationTokenExpired();
        }
    }

    /** Marks the token used, invalidates the user's other tokens and activates the user, in one transaction. */
    private User consume(String rawToken, BiConsumer<User, Instant> beforeActivation) {
        return transactions.execute(status -> {
            // Lock the user before the token, in the same order as resend, so the two cannot deadlock.
            var found = tokens.find(rawToken).orElseThrow(VerificationTokenInvalid::new);
            User user = users.lock(found.userId()).orElseThrow(VerificationTokenInvalid::new);
            var token = tokens.lock(rawToken).orElseThrow(VerificationTokenInvalid::new);
            check(token);
            Instant now = now();
            beforeActivation.accept(user, now);
            tokens.markUsed(rawToken, now);
            tokens.invalidateOutstanding(user.id(), now);
            return users.activate(user, now);
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
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
        String traceparent = TraceContext.current();
        resends.execute(() -> {
            try {
                TraceContext.runWith(traceparent, () -> resendIfDue(canonical));
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
            accountEmails.verificationResent(user, token.raw(), token.expiresAt());
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
