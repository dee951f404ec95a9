package com.gopherpay.identity.signin;

import com.gopherpay.identity.audit.AuditAction;
import com.gopherpay.identity.audit.AuditTrail;
import com.gopherpay.identity.password.HashingBusy;
import com.gopherpay.identity.password.PasswordHasher;
import com.gopherpay.identity.user.EmailAddress;
import com.gopherpay.identity.user.StoredCredentials;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.UserStatus;
import com.gopherpay.identity.user.Users;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Checks an address and password. Every attempt costs one Argon2id check, for unknown addresses against a dummy hash
 * with the configured parameters, so neither the answer nor its timing tells whether an account exists. No
 * transaction or connection is held while hashing.
 */
@Service
class SignInService {

    private static final Logger log = LoggerFactory.getLogger(SignInService.class);

    private final Users users;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /** A hash of a random password no one knows, made with the configured parameters. */
    private final String dummyHash;

    private final AuditTrail audit;

    SignInService(
            Users users,
            PasswordHasher hasher,
            SignInThrottle throttle,
            TransactionTemplate transactions,
            Clock clock,
            SecureRandom random,
            AuditTrail audit) {
        this.audit = audit;
        this.users = users;
        this.hasher = hasher;
        this.throttle = throttle;
        this.transactions = transactions;
        this.clock = clock;
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.dummyHash = hasher.hash(HexFormat.of().formatHex(secret));
    }

    /**
     * Signs in: when {@code password} (already normalised) is the password of an active account, resets the
     * address's throttle, audits the success and runs {@code onSuccess} (opening the session) in one transaction, and
     * returns what it returned.
     *
     * @throws SignInThrottled the address had too many failed attempts lately; nothing was checked
     * @throws InvalidCredentials no such account, or another password
     * @throws EmailNotVerified the right password, but the address is not confirmed yet
     * @throws HashingBusy no hashing slot in time; the attempt is not counted
     */
    <T> T signIn(String email, String password, Function<User, T> onSuccess) {
        Optional<EmailAddress> address = EmailAddress.parse(email);
        // Addresses that do not parse have no account, but are throttled all the same (by what was typed).
        String account = address.map(EmailAddress::canonical)
                .orElseGet(() -> "unparsed:" + email.strip().toLowerCase(Locale.ROOT));
        String audited = address.map(EmailAddress::canonical).orElse(null);
        // Committed on its own before hashing, so that racing attempts see each other's reservations.
        throttle.reserveAttempt(account, now()).ifPresent(wait -> {
            audit.record(AuditAction.SIGN_IN, "throttled", null, audited);
            throw new SignInThrottled(wait);
        });
        Optional<StoredCredentials> stored = address.flatMap(a -> users.findCredentialsByCanonicalEmail(a.canonical()));
        String phc = stored.map(StoredCredentials::passwordHash).orElse(dummyHash);
        boolean matches;
        try {
            matches = hasher.matches(password, phc);
        } catch (HashingBusy e) {
            throttle.refund(account);
            throw e;
        }
        if (!matches || stored.isEmpty()) {
            audit.record(
                    AuditAction.SIGN_IN,
                    "invalid-credentials",
                    stored.map(found -> found.user().id()).orElse(null),
                    audited);
            throw new InvalidCredentials();
        }
        User user = stored.get().user();
        if (hasher.needsRehash(phc)) {
            upgrade(user.id(), phc, password);
        }
        if (user.status() != UserStatus.ACTIVE) {
            transactions.executeWithoutResult(status -> {
                throttle.reset(account);
                audit.record(AuditAction.SIGN_IN, "not-verified", user.id(), audited);
            });
            throw new EmailNotVerified();
        }
        return transactions.execute(status -> {
            throttle.reset(account);
            audit.record(AuditAction.SIGN_IN, "success", user.id(), audited);
            return onSuccess.apply(user);
        });
    }

    /**
     * Stores the password hashed with today's parameters, unless the hash changed meanwhile (a new password). A
     * re-hash is not a new password: no PasswordChanged, sessions stay. Sign-in goes ahead if it cannot be done now.
     */
    private void upgrade(UUID userId, String oldPhc, String password) {
        String newPhc;
        try {
            newPhc = hasher.hash(password);
        } catch (HashingBusy e) {
            return; // next time
        }
        transactions.executeWithoutResult(status -> {
            users.lock(userId).ifPresent(locked -> {
                if (users.passwordHash(userId).orElse("").equals(oldPhc)) {
                    users.replacePasswordHash(userId, newPhc);
                }
            });
        });
        log.info("Password hash of account {} upgraded to the configured Argon2id parameters", userId);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
    }
}
