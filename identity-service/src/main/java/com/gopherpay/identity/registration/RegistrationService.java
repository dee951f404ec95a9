package com.gopherpay.identity.registration;

import com.gopherpay.identity.notification.AccountEmails;
import com.gopherpay.identity.password.PasswordHasher;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.UserStatus;
import com.gopherpay.identity.user.Users;
import com.gopherpay.identity.verification.IssuedToken;
import com.gopherpay.identity.verification.VerificationProperties;
import com.gopherpay.identity.verification.VerificationTokens;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.IdGenerator;

/**
 * Creates accounts: hash the password (outside any transaction, it is the slow part), then store the user, their
 * settings, a verification token and the verification email in one transaction.
 */
@Service
class RegistrationService {

    private final Users users;
    private final VerificationTokens tokens;
    private final AccountEmails accountEmails;
    private final PasswordHasher hasher;
    private final RegistrationProperties properties;
    private final VerificationProperties verification;
    private final TransactionTemplate transactions;
    private final IdGenerator ids;
    private final Clock clock;
    private final MeterRegistry meters;

    RegistrationService(
            Users users,
            VerificationTokens tokens,
            AccountEmails accountEmails,
            PasswordHasher hasher,
            RegistrationProperties properties,
            VerificationProperties verification,
            TransactionTemplate transactions,
            IdGenerator ids,
            Clock clock,
            MeterRegistry meters) {
        this.users = users;
        this.tokens = tokens;
        this.accountEmails = accountEmails;
        this.hasher = hasher;
        this.properties = properties;
        this.verification = verification;
        this.transactions = transactions;
        this.ids = ids;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Registers a new pending account.
     *
     * <p>With {@code reveal-existing-accounts=false} a taken address must be indistinguishable from a new one in
     * everything the caller sees. Both paths hash the password, then run one transaction with one insert attempt on
     * {@code users} and a comparable number of single-row statements (the new path stores settings, a token and the
     * email; the duplicate path locks the owner, claims the notice and stores the notice email), and both answer with
     * a {@link Registration} built from the request and the clock only: no id, no creation time, nothing read from
     * the existing account. The counter does not tell them apart either ({@code outcome=accepted}).
     *
     * @throws EmailAlreadyRegistered when the canonical email is taken and existing accounts may be revealed
     * @throws com.gopherpay.identity.password.HashingBusy when no hashing slot became free in time; nothing was stored
     */
    Registration register(ValidRegistration registration) {
        boolean reveal = properties.revealExistingAccounts();
        // Cheap early answer for the common duplicate; the unique index still decides races below.
        if (reveal && users.existsByCanonicalEmail(registration.email().canonical())) {
            throw duplicate();
        }
        String passwordHash = hasher.hash(registration.password());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
        User user = new User(
                ids.generateId(),
                registration.email().value(),
                registration.fullName(),
                UserStatus.PENDING_VERIFICATION,
                now,
                null);
        boolean created = Boolean.TRUE.equals(transactions.execute(status -> {
            if (users.insertIfAbsent(user, registration.email(), passwordHash)) {
                users.insertSettings(user.id(), registration.locale(), registration.timeZone(), now);
                IssuedToken issued = tokens.issue(user.id(), VerificationTokens.Kind.REGISTRATION, now);
                accountEmails.userRegistered(user, issued.raw(), issued.expiresAt());
                return true;
            }
            if (reveal) {
                return false;
            }
            // Tell the real owner instead, at most once per resend cooldown.
            users.lockByCanonicalEmail(registration.email().canonical())
                    .filter(existing ->
                            users.claimAccountNotice(existing.id(), now, now.minus(verification.resendCooldown())))
                    .ifPresent(accountEmails::accountExists);
            return false;
        }));
        if (!created && reveal) {
            throw duplicate();
        }
        count(reveal ? "created" : "accepted");
        return new Registration(
                registration.email().value(),
                registration.fullName(),
                registration.locale(),
                registration.timeZone(),
                tokens.expiryFor(now));
    }

    private EmailAlreadyRegistered duplicate() {
        count("duplicate");
        return new EmailAlreadyRegistered();
    }

    private void count(String outcome) {
        meters.counter("identity.registrations", "outcome", outcome).increment();
    }
}
