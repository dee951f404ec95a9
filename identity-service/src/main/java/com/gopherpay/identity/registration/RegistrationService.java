package com.gopherpay.identity.registration;

import com.gopherpay.identity.notification.Notifications;
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
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
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
    private final Notifications notifications;
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
            Notifications notifications,
            PasswordHasher hasher,
            RegistrationProperties properties,
            VerificationProperties verification,
            TransactionTemplate transactions,
            IdGenerator ids,
            Clock clock,
            MeterRegistry meters) {
        this.users = users;
        this.tokens = tokens;
        this.notifications = notifications;
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
     * @throws EmailAlreadyRegistered when the canonical email is taken and existing accounts may be revealed
     */
    Registration register(ValidRegistration registration) {
        // Cheap early answer for the common duplicate; the unique index still decides races below.
        if (properties.revealExistingAccounts()
                && users.existsByCanonicalEmail(registration.email().canonical())) {
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
        try {
            IssuedToken token = transactions.execute(status -> {
                users.insert(user, registration.email(), passwordHash);
                users.insertSettings(user.id(), registration.locale(), registration.timeZone(), now);
                IssuedToken issued = tokens.issue(user.id(), VerificationTokens.Kind.REGISTRATION, now);
                notifications.emailVerification(user, issued.raw(), issued.expiresAt(), "UserRegistered");
                return issued;
            });
            count("created");
            return new Registration(user, registration.locale(), registration.timeZone(), token.expiresAt());
        } catch (DuplicateKeyException e) {
            if (properties.revealExistingAccounts()) {
                throw duplicate();
            }
            return hiddenDuplicate(registration, now);
        }
    }

    /**
     * Answers a duplicate exactly like a success (the password was hashed all the same, so the timing matches) and
     * tells the real owner by email instead, at most once per resend cooldown.
     */
    private Registration hiddenDuplicate(ValidRegistration registration, Instant now) {
        transactions.executeWithoutResult(status -> users.lockByCanonicalEmail(
                        registration.email().canonical())
                .filter(existing ->
                        users.claimAccountNotice(existing.id(), now, now.minus(verification.resendCooldown())))
                .ifPresent(notifications::accountExists));
        count("duplicate_hidden");
        UUID decoy = ids.generateId();
        User lookAlike = new User(
                decoy,
                registration.email().value(),
                registration.fullName(),
                UserStatus.PENDING_VERIFICATION,
                now,
                null);
        Instant expiresAt = now.plus(verification.tokenTtl()).truncatedTo(ChronoUnit.SECONDS);
        return new Registration(lookAlike, registration.locale(), registration.timeZone(), expiresAt);
    }

    private EmailAlreadyRegistered duplicate() {
        count("duplicate");
        return new EmailAlreadyRegistered();
    }

    private void count(String outcome) {
        meters.counter("identity.registrations", "outcome", outcome).increment();
    }
}
