package com.gopherpay.identity.emailchange;

import com.gopherpay.identity.audit.AuditAction;
import com.gopherpay.identity.audit.AuditTrail;
import com.gopherpay.identity.emailchange.EmailChanges.IssuedChange;
import com.gopherpay.identity.emailchange.EmailChanges.StoredChange;
import com.gopherpay.identity.emailchange.EmailChanges.Token;
import com.gopherpay.identity.notification.AccountEmails;
import com.gopherpay.identity.password.HashingBusy;
import com.gopherpay.identity.password.PasswordHasher;
import com.gopherpay.identity.password.PasswordRules;
import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.InvalidInput;
import com.gopherpay.identity.signin.SignInThrottle;
import com.gopherpay.identity.signin.SignInThrottled;
import com.gopherpay.identity.token.InvalidAccessToken;
import com.gopherpay.identity.user.EmailAddress;
import com.gopherpay.identity.user.EmailChanged;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.Users;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Asks for, confirms and cancels email changes. The address switches only when the new mailbox confirms it, and only
 * if no other account has the address at that moment.
 */
@Service
class EmailChangeService {

    private static final String SAME_ADDRESS = "This is already your email address. Enter the new one.";

    private final Users users;
    private final EmailChanges changes;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final AccountEmails accountEmails;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final AuditTrail audit;

    EmailChangeService(
            Users users,
            EmailChanges changes,
            PasswordHasher hasher,
            SignInThrottle throttle,
            AccountEmails accountEmails,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock,
            AuditTrail audit) {
        this.users = users;
        this.changes = changes;
        this.hasher = hasher;
        this.throttle = throttle;
        this.accountEmails = accountEmails;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * Asks to move the account to {@code requestedEmail}. Checks the address (the registration rules; not the current
     * one), then the password (outside any transaction, counted by the sign-in throttle of the account's address),
     * then, in one transaction with the user row locked, replaces any pending change with a new one, queues the
     * confirm link to the new address and the notice with the cancel link to the current one.
     *
     * <p>When another account has the new address already, everything the caller sees is the same (the same answer,
     * the same notice to the current address), but no confirm link is sent: the other account's owner is not emailed
     * and nothing tells the requester that the address is registered. When the new address's send budget is used up,
     * nothing is stored or sent (a new request would otherwise void a pending link for a mail never sent).
     *
     * @param password the current password, already {@linkplain PasswordRules#normalize normalised}
     * @throws InvalidInput the new address is missing, not one we accept, or the current one; the password is missing
     * @throws CurrentPasswordIncorrect the password is not the account's
     * @throws SignInThrottled too many wrong passwords for this account lately; nothing was checked
     * @throws HashingBusy no hashing slot in time; nothing was counted or changed
     * @throws InvalidAccessToken the account no longer exists
     */
    void request(UUID userId, String requestedEmail, String password) {
        User user = users.find(userId).orElseThrow(InvalidAccessToken::new);
        EmailAddress current = address(user);
        EmailAddress newEmail = validate(requestedEmail, password, current);
        String account = current.canonical();
        throttle.reserveAttempt(account, now()).ifPresent(wait -> {
            audit.record(AuditAction.EMAIL_CHANGE, "throttled", userId, account);
            throw new SignInThrottled(wait);
        });
        String phc = users.passwordHash(userId).orElseThrow(InvalidAccessToken::new);
        boolean matches;
        try {
            matches = hasher.matches(password, phc);
        } catch (HashingBusy e) {
            throttle.refund(account);
            throw e;
        }
        if (!matches) {
            audit.record(AuditAction.EMAIL_CHANGE, "password-incorrect", userId, account);
            throw new CurrentPasswordIncorrect();
        }
        throttle.reset(account);
        transactions.executeWithoutResult(status -> {
            User locked = users.lock(userId).orElseThrow(InvalidAccessToken::new);
            if (address(locked).canonical().equals(newEmail.canonical())) {
                throw sameAddress(); // it changed to this one meanwhile
            }
            boolean taken = users.existsByCanonicalEmail(newEmail.canonical());
            if (!taken && !accountEmails.withinBudget(newEmail)) {
                audit.record(AuditAction.EMAIL_CHANGE, "budget", userId, newEmail.canonical());
                return;
            }
            Instant now = now();
            IssuedChange issued = changes.issue(userId, newEmail, now);
            if (!taken) {
                accountEmails.emailChangeVerification(locked, newEmail, issued.confirmToken(), issued.expiresAt());
            }
            accountEmails.emailChangeRequested(locked, newEmail, issued.cancelToken(), issued.expiresAt());
            audit.record(
                    AuditAction.EMAIL_CHANGE,
                    taken ? "requested-address-taken" : "requested",
                    userId,
                    newEmail.canonical());
        });
    }

    /**
     * Confirms a change with the token from the link sent to the new address. One transaction locks the user, then
     * the change, checks the token again and whether another account has the address now; if so, the change is marked
     * failed (committed) and {@link EmailChangeConflict} thrown. Otherwise it switches the address (confirmed now),
     * marks the change confirmed and publishes {@link EmailChanged}, whose listeners end every session of the account
     * and queue the lifecycle event in the same transaction. The unique index decides a race with a concurrent
     * registration: the losing switch rolls back and the change is marked failed in a transaction of its own.
     *
     * @return the account's new address
     * @throws EmailChangeTokenInvalid unknown token, or its change is over
     * @throws EmailChangeTokenExpired the change's time is up
     * @throws EmailChangeConflict another account has the new address
     */
    String confirm(String rawToken) {
        StoredChange found = checked(Token.CONFIRM, rawToken, "confirm");
        boolean switched;
        try {
            switched = Boolean.TRUE.equals(transactions.execute(status -> {
                User user = users.lock(found.userId()).orElseThrow(EmailChangeTokenInvalid::new);
                StoredChange change = changes.lock(Token.CONFIRM, rawToken).orElseThrow(EmailChangeTokenInvalid::new);
                check(change);
                Instant now = now();
                EmailAddress newEmail = change.newEmail();
                if (users.existsByCanonicalEmail(newEmail.canonical())) {
                    changes.markFailed(change.id(), now);
                    audit.record(AuditAction.EMAIL_CHANGE, "conflict", user.id(), newEmail.canonical());
                    return false;
                }
                User changed = users.changeEmail(user, newEmail, now);
                changes.markConfirmed(change.id(), now);
                events.publishEvent(new EmailChanged(changed, user.email(), now));
                audit.record(AuditAction.EMAIL_CHANGE, "confirmed", user.id(), newEmail.canonical());
                return true;
            }));
        } catch (DuplicateKeyException e) {
            // Someone took the address between our check and the switch; the switch was rolled back.
            transactions.executeWithoutResult(status -> {
                StoredChange change = changes.lock(Token.CONFIRM, rawToken).orElse(null);
                if (change != null && !change.ended()) {
                    changes.markFailed(change.id(), now());
                }
                audit.record(
                        AuditAction.EMAIL_CHANGE,
                        "conflict",
                        found.userId(),
                        found.newEmail().canonical());
            });
            switched = false;
        }
        if (!switched) {
            throw new EmailChangeConflict();
        }
        return found.newEmail().value();
    }

    /**
     * Cancels a pending change with the token from the notice sent to the current address; the account keeps it.
     *
     * @throws EmailChangeTokenInvalid unknown token, or its change is over (confirmed too: then it is too late)
     * @throws EmailChangeTokenExpired the change's time is up (it can no longer be confirmed either)
     */
    void cancel(String rawToken) {
        StoredChange found = checked(Token.CANCEL, rawToken, "cancel");
        transactions.executeWithoutResult(status -> {
            users.lock(found.userId()).orElseThrow(EmailChangeTokenInvalid::new);
            StoredChange change = changes.lock(Token.CANCEL, rawToken).orElseThrow(EmailChangeTokenInvalid::new);
            check(change);
            changes.markCancelled(change.id(), now());
            audit.record(
                    AuditAction.EMAIL_CHANGE,
                    "cancelled",
                    change.userId(),
                    change.newEmail().canonical());
        });
    }

    /** The change the token belongs to, if it is still pending; audits why not otherwise (without the token). */
    private StoredChange checked(Token token, String rawToken, String action) {
        StoredChange found = changes.find(token, rawToken).orElse(null);
        try {
            if (found == null) {
                throw new EmailChangeTokenInvalid();
            }
            check(found);
            return found;
        } catch (EmailChangeTokenExpired e) {
            audit.record(AuditAction.EMAIL_CHANGE, action + "-expired", found.userId(), null);
            throw e;
        } catch (EmailChangeTokenInvalid e) {
            audit.record(AuditAction.EMAIL_CHANGE, action + "-invalid", found == null ? null : found.userId(), null);
            throw e;
        }
    }

    private void check(StoredChange change) {
        if (change.ended()) {
            throw new EmailChangeTokenInvalid();
        }
        if (!now().isBefore(change.expiresAt())) {
            throw new EmailChangeTokenExpired();
        }
    }

    private static EmailAddress validate(String requestedEmail, String password, EmailAddress current) {
        List<FieldProblem> problems = new ArrayList<>();
        EmailAddress newEmail = null;
        if (requestedEmail == null || requestedEmail.isBlank()) {
            problems.add(new FieldProblem("newEmail", "Enter your email address."));
        } else {
            EmailAddress.Parsed parsed = EmailAddress.check(requestedEmail);
            if (parsed.problem() != null) {
                problems.add(new FieldProblem("newEmail", parsed.problem().message()));
            } else if (parsed.address().canonical().equals(current.canonical())) {
                problems.add(new FieldProblem("newEmail", SAME_ADDRESS));
            } else {
                newEmail = parsed.address();
            }
        }
        if (password.isEmpty()) {
            problems.add(new FieldProblem("password", "Enter your current password."));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return newEmail;
    }

    private static InvalidInput sameAddress() {
        return new InvalidInput(List.of(new FieldProblem("newEmail", SAME_ADDRESS)));
    }

    /** The stored address with its canonical form (stored addresses always parse; registration checked them). */
    private static EmailAddress address(User user) {
        return EmailAddress.parse(user.email()).orElseGet(() -> new EmailAddress(user.email(), user.email()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
    }
}
