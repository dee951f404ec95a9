package com.gopherpay.identity.session;

import com.gopherpay.identity.crypto.SecretTokens;
import com.gopherpay.identity.token.AccessTokens;
import com.gopherpay.identity.user.EmailChanged;
import com.gopherpay.identity.user.PasswordChanged;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.UserStatus;
import com.gopherpay.identity.user.Users;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.IdGenerator;

/**
 * Opens, refreshes and ends sessions. A session is a family of refresh tokens: each refresh marks the presented token
 * rotated and issues its successor; presenting a rotated token again (a stolen copy, or the owner's after a thief's
 * use) ends the whole family, so at most one of the two parties keeps a working session, and neither after reuse.
 */
@Service
public class Sessions {

    private static final Logger log = LoggerFactory.getLogger(Sessions.class);
    /** Longer than any token we issue (43 characters); anything longer is not looked up. */
    private static final int MAX_TOKEN_LENGTH = 256;

    private final RefreshTokens tokens;
    private final Users users;
    private final AccessTokens accessTokens;
    private final SessionProperties properties;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecretTokens secretTokens;
    private final IdGenerator ids;

    Sessions(
            RefreshTokens tokens,
            Users users,
            AccessTokens accessTokens,
            SessionProperties properties,
            TransactionTemplate transactions,
            Clock clock,
            SecretTokens secretTokens,
            IdGenerator ids) {
        this.tokens = tokens;
        this.users = users;
        this.accessTokens = accessTokens;
        this.properties = properties;
        this.transactions = transactions;
        this.clock = clock;
        this.secretTokens = secretTokens;
        this.ids = ids;
    }

    /** Starts a session for a user who has just proved their password: a new family with its first refresh token. */
    public SessionTokens open(User user) {
        Instant now = now();
        UUID familyId = ids.generateId();
        Instant familyEnd = now.plus(properties.maxLifetime());
        String raw = newToken();
        Instant expiresAt = earlier(now.plus(properties.refreshTokenTtl()), familyEnd);
        transactions.executeWithoutResult(status -> {
            tokens.insertFamily(familyId, user.id(), now, familyEnd);
            tokens.insert(raw, familyId, now, expiresAt);
        });
        return new SessionTokens(accessTokens.issue(user), raw, Duration.between(now, expiresAt));
    }

    /**
     * Rotates {@code raw}: a new access token and the family's next refresh token.
     *
     * @throws InvalidRefreshToken unknown, expired or revoked, or presented again after its reuse grace (then the
     *     family is revoked)
     */
    SessionTokens refresh(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidRefreshToken();
        }
        Instant now = now();
        // Returns empty instead of throwing so that a reuse's revocation commits.
        Optional<Rotated> rotated = transactions.execute(status -> rotate(raw, now));
        return rotated.map(r -> new SessionTokens(accessTokens.issue(r.user()), r.refreshToken(), r.lifetime()))
                .orElseThrow(InvalidRefreshToken::new);
    }

    private Optional<Rotated> rotate(String raw, Instant now) {
        RefreshTokens.StoredRefreshToken found = tokens.find(raw).orElse(null);
        if (found == null
                || found.familyRevoked()
                || !now.isBefore(found.expiresAt())
                || !now.isBefore(found.familyExpiresAt())) {
            return Optional.empty();
        }
        if (found.rotatedAt() != null) {
            if (!withinReuseGrace(found.rotatedAt(), now)) {
                return reused(found, now);
            }
            log.info("Refresh token of session family {} used again within the reuse grace", found.familyId());
        } else if (!tokens.markRotated(raw, now)) {
            // Another request rotated it since it was read: a concurrent refresh.
            if (properties.reuseGrace().isZero()) {
                return reused(found, now);
            }
            log.info("Refresh token of session family {} refreshed concurrently", found.familyId());
        }
        User user = users.find(found.userId())
                .filter(u -> u.status() == UserStatus.ACTIVE)
                .orElse(null);
        if (user == null) {
            tokens.revokeFamily(found.familyId(), now);
            return Optional.empty();
        }
        String next = newToken();
        Instant expiresAt = earlier(now.plus(properties.refreshTokenTtl()), found.familyExpiresAt());
        tokens.insert(next, found.familyId(), now, expiresAt);
        return Optional.of(new Rotated(user, next, Duration.between(now, expiresAt)));
    }

    /** Whether a token rotated at {@code rotatedAt} and presented again {@code now} counts as a concurrent use. */
    private boolean withinReuseGrace(Instant rotatedAt, Instant now) {
        Duration grace = properties.reuseGrace();
        return !grace.isZero() && now.isBefore(rotatedAt.plus(grace));
    }

    /** A rotated token presented again after the grace: someone holds a copy, so the whole session ends. */
    private Optional<Rotated> reused(RefreshTokens.StoredRefreshToken found, Instant now) {
        tokens.revokeFamily(found.familyId(), now);
        log.warn("Refresh token reused: session family {} revoked", found.familyId());
        return Optional.empty();
    }

    /** Ends the session {@code raw} belongs to, whether or not the token is still usable; unknown tokens are ignored. */
    void revoke(String raw) {
        if (raw == null || raw.isEmpty() || raw.length() > MAX_TOKEN_LENGTH) {
            return;
        }
        tokens.find(raw).ifPresent(found -> tokens.revokeFamily(found.familyId(), now()));
    }

    /** A new password ends every session of the account, in the transaction that stored the password. */
    @EventListener
    void passwordChanged(PasswordChanged event) {
        int revoked = tokens.revokeAllOf(event.userId(), event.changedAt().truncatedTo(ChronoUnit.MICROS));
        log.info("New password for account {}: {} session(s) ended", event.userId(), revoked);
    }

    /**
     * A new address ends every session of the account, in the transaction that switched it: tokens carry the old
     * address ({@code email} claim), and whoever asked for the change must sign in again with the new one.
     */
    @EventListener
    void emailChanged(EmailChanged event) {
        UUID userId = event.user().id();
        int revoked = tokens.revokeAllOf(userId, event.changedAt().truncatedTo(ChronoUnit.MICROS));
        log.info("New email address for account {}: {} session(s) ended", userId, revoked);
    }

    private String newToken() {
        return secretTokens.next();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS); // what PostgreSQL stores
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private record Rotated(User user, String refreshToken, Duration lifetime) {}
}
