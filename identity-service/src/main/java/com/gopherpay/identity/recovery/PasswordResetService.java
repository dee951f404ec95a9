package com.gopherpay.identity.recovery;

import com.gopherpay.identity.notification.AccountEmails;
import com.gopherpay.identity.password.PasswordHasher;
import com.gopherpay.identity.password.PasswordRules;
import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.InvalidInput;
import com.gopherpay.identity.recovery.PasswordResetTokens.IssuedResetToken;
import com.gopherpay.identity.recovery.PasswordResetTokens.StoredResetToken;
import com.gopherpay.identity.tracing.TraceContext;
import com.gopherpay.identity.user.EmailAddress;
import com.gopherpay.identity.user.PasswordChanged;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.UserStatus;
import com.gopherpay.identity.user.Users;
import com.gopherpay.identity.verification.VerificationTokens;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Emails single-use password-reset links on request, and sets a new password with one. */
@Service
class PasswordResetService implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetService.class);

    private final Users users;
    private final PasswordResetTokens tokens;
    private final VerificationTokens verificationTokens;
    private final PasswordHasher hasher;
    private final PasswordRules passwordRules;
    private final AccountEmails accountEmails;
    private final ApplicationEventPublisher events;
    private final PasswordResetProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ThreadPoolExecutor requests;
    private final Counter requestsHandled;
    private final Counter requestsDropped;

    PasswordResetService(
            Users users,
            PasswordResetTokens tokens,
            VerificationTokens verificationTokens,
            PasswordHasher hasher,
            PasswordRules passwordRules,
            AccountEmails accountEmails,
            ApplicationEventPublisher events,
            PasswordResetProperties properties,
            TransactionTemplate transactions,
            Clock clock,
            MeterRegistry meters) {
        this.users = users;
        this.tokens = tokens;
        this.verificationTokens = verificationTokens;
        this.hasher = hasher;
        this.passwordRules = passwordRules;
        this.accountEmails = accountEmails;
        this.events = events;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.requestsHandled = Counter.builder("identity.password-reset.requests.handled")
                .description("Forgot-password requests handled after the 202, whatever their outcome")
                .register(meters);
        this.requestsDropped = Counter.builder("identity.password-reset.requests.dropped")
                .description("Forgot-password requests dropped because their queue was full")
                .register(meters);
        AtomicInteger threads = new AtomicInteger();
        this.requests = new ThreadPoolExecutor(
                properties.requestThreads(),
                properties.requestThreads(),
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(properties.requestQueueCapacity()),
                runnable -> {
                    Thread thread = new Thread(runnable, "password-reset-request-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                },
                (task, executor) -> requestsDropped.increment());
    }

    /**
     * Emails a password-reset link when the address belongs to an account (pending or active) and the cooldown and
     * hourly limit allow it; otherwise does nothing. Returns at once and does the work on a request thread of its own:
     * the caller's answer is the same either way, and so is its timing, so it reveals nothing.
     */
    void requestReset(String email) {
        // No account has an address that does not parse (registration refuses those), so there is nothing to look up;
        // this also keeps characters PostgreSQL cannot store (NUL) out of the query.
        Optional<EmailAddress> address = EmailAddress.parse(email);
        if (address.isEmpty()) {
            return;
        }
        String canonical = address.get().canonical();
        String traceparent = TraceContext.current();
        requests.execute(() -> {
            try {
                TraceContext.runWith(traceparent, () -> sendIfDue(canonical));
            } catch (RuntimeException e) {
                // The person was answered already; they can ask again once the database is back.
                log.warn("Forgot-password request failed: {}", e.toString());
            } finally {
                requestsHandled.increment();
            }
        });
    }

    private void sendIfDue(String canonical) {
        transactions.executeWithoutResult(status -> {
            // The user row lock serialises concurrent requests (and resets) for one account.
            User user = users.lockByCanonicalEmail(canonical).orElse(null);
            if (user == null) {
                return;
            }
            Instant now = now();
            boolean coolingDown = tokens.lastIssuedAt(user.id())
                    .map(last -> last.isAfter(now.minus(properties.requestCooldown())))
                    .orElse(false);
            if (coolingDown
                    || tokens.issuedSince(user.id(), now.minus(properties.requestWindow()))
                            >= properties.requestLimit()) {
                return;
            }
            IssuedResetToken token = tokens.issue(user.id(), now);
            accountEmails.passwordResetRequested(user, token.raw(), token.expiresAt());
        });
    }

    /**
     * Sets a new password with a reset token. The token is checked first (no password hashing for a dead link), then
     * the password rules, then the password is hashed outside any transaction; one transaction then locks the user
     * and the token, checks the token again (a concurrent reset may have used it), stores the hash, uses the token and
     * voids the account's other reset links, publishes {@link PasswordChanged} (its listeners end the account's
     * sessions in the same transaction), queues the password-changed notice and, for a pending account, confirms the
     * address: the person proved they read its mailbox.
     *
     * @param password the new password, already {@linkplain PasswordRules#normalize normalised}
     * @param confirmPassword the same again, normalised
     * @throws ResetTokenInvalid unknown, used or replaced token
     * @throws ResetTokenExpired the token's time is up
     * @throws InvalidInput the new password breaks a rule or the confirmation differs
     * @throws com.gopherpay.identity.password.HashingBusy no hashing slot in time; nothing was changed
     */
    PasswordReset reset(String rawToken, String password, String confirmPassword) {
        StoredResetToken found = tokens.find(rawToken).orElseThrow(ResetTokenInvalid::new);
        check(found);
        User owner = users.find(found.userId()).orElseThrow(ResetTokenInvalid::new);
        String localPart =
                EmailAddress.parse(owner.email()).map(EmailAddress::localPart).orElse(null);
        List<FieldProblem> problems = new ArrayList<>();
        passwordRules
                .problem(password, localPart, owner.fullName())
                .ifPresent(message -> problems.add(new FieldProblem("password", message)));
        if (confirmPassword.isEmpty()) {
            problems.add(new FieldProblem("confirmPassword", "Enter your new password again."));
        } else if (!confirmPassword.equals(password)) {
            problems.add(new FieldProblem("confirmPassword", "The passwords do not match."));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        String phc = hasher.hash(password);
        return transactions.execute(status -> {
            // Lock the user before the token, in the same order as the forgot requests, so the two cannot deadlock.
            User user = users.lock(found.userId()).orElseThrow(ResetTokenInvalid::new);
            StoredResetToken token = tokens.lock(rawToken).orElseThrow(ResetTokenInvalid::new);
            check(token);
            Instant now = now();
            users.replacePasswordHash(user.id(), phc);
            tokens.markUsed(rawToken, now);
            tokens.invalidateOutstanding(user.id(), now);
            events.publishEvent(new PasswordChanged(user.id(), now));
            accountEmails.passwordChanged(user, now);
            boolean verifiedNow = user.status() == UserStatus.PENDING_VERIFICATION;
            if (verifiedNow) {
                verificationTokens.invalidateOutstanding(user.id(), now);
                users.activate(user, now);
            }
            return new PasswordReset(user.id(), verifiedNow);
        });
    }

    private void check(StoredResetToken token) {
        if (token.used() || token.invalidated()) {
            throw new ResetTokenInvalid();
        }
        if (!now().isBefore(token.expiresAt())) {
            throw new ResetTokenExpired();
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
    }

    /** Lets queued requests finish for a moment; the rest are dropped, as the answer promised nothing. */
    @Override
    public void destroy() throws InterruptedException {
        requests.shutdown();
        if (!requests.awaitTermination(5, TimeUnit.SECONDS)) {
            requests.shutdownNow();
        }
    }

    /**
     * A password that was set.
     *
     * @param userId the account
     * @param addressVerifiedNow whether the account was pending and this reset confirmed its address
     */
    record PasswordReset(UUID userId, boolean addressVerifiedNow) {}
}
