package com.gopherpay.identity.verification;

import static com.gopherpay.identity.sql.Timestamps.at;

import com.gopherpay.identity.crypto.SecretTokens;
import com.gopherpay.identity.crypto.Sha256;
import com.gopherpay.identity.sql.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code email_verifications} table: issues tokens and finds them again by hash. */
@Repository
public class VerificationTokens {

    private final JdbcClient jdbc;
    private final SecretTokens secretTokens;
    private final VerificationProperties properties;

    VerificationTokens(JdbcClient jdbc, SecretTokens secretTokens, VerificationProperties properties) {
        this.jdbc = jdbc;
        this.secretTokens = secretTokens;
        this.properties = properties;
    }

    /** Stores the hash of a new token for {@code userId}; call inside the transaction that sends it. */
    public IssuedToken issue(UUID userId, Kind kind, Instant now) {
        String raw = secretTokens.next();
        Instant expiresAt = expiryFor(now);
        jdbc.sql("INSERT INTO email_verifications (token_hash, user_id, kind, created_at, expires_at)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .params(hash(raw), userId, kind.name(), at(now), at(expiresAt))
                .update();
        return new IssuedToken(raw, expiresAt);
    }

    /** When a token issued at {@code now} expires: to the second, so it carries nothing finer about the request. */
    public Instant expiryFor(Instant now) {
        return now.plus(properties.tokenTtl()).truncatedTo(ChronoUnit.SECONDS);
    }

    /** Finds the token with this raw value, without locking it. */
    Optional<StoredToken> find(String raw) {
        return jdbc.sql("SELECT user_id, expires_at, used_at, invalidated_at, password_attempts"
                        + " FROM email_verifications WHERE token_hash = ?")
                .param(hash(raw))
                .query(VerificationTokens::map)
                .optional();
    }

    /** Finds and row-locks the token with this raw value. */
    Optional<StoredToken> lock(String raw) {
        return jdbc.sql("SELECT user_id, expires_at, used_at, invalidated_at, password_attempts"
                        + " FROM email_verifications WHERE token_hash = ? FOR UPDATE")
                .param(hash(raw))
                .query(VerificationTokens::map)
                .optional();
    }

    /**
     * Counts one password attempt on a live token before the password is checked, so that however many requests race,
     * at most {@code limit} Argon2id checks ever run for one token. Returns the attempt's number (1 for the first), or
     * empty when the token is unknown, used, invalidated or out of attempts.
     */
    Optional<Integer> reserveAttempt(String raw, int limit) {
        return jdbc.sql("UPDATE email_verifications SET password_attempts = password_attempts + 1"
                        + " WHERE token_hash = ? AND used_at IS NULL AND invalidated_at IS NULL"
                        + " AND password_attempts < ? RETURNING password_attempts")
                .params(hash(raw), limit)
                .query(Integer.class)
                .optional();
    }

    /** Gives back an attempt whose password could not be checked (no hashing slot): it was not a guess. */
    void refundAttempt(String raw) {
        jdbc.sql("UPDATE email_verifications SET password_attempts = password_attempts - 1"
                        + " WHERE token_hash = ? AND password_attempts > 0")
                .param(hash(raw))
                .update();
    }

    /** Ends a token whose password attempts are used up; the person asks for a new link. */
    void burn(String raw, Instant now) {
        jdbc.sql("UPDATE email_verifications SET invalidated_at = ? WHERE token_hash = ? AND invalidated_at IS NULL")
                .params(at(now), hash(raw))
                .update();
    }

    void markUsed(String raw, Instant now) {
        jdbc.sql("UPDATE email_verifications SET used_at = ? WHERE token_hash = ?")
                .params(at(now), hash(raw))
                .update();
    }

    /**
     * Invalidates the user's live tokens except the {@code keep} newest, so that with the token about to be issued at
     * most {@code keep + 1} links work. Expired ones are left alone: they already fail as expired.
     */
    void keepNewest(UUID userId, int keep, Instant now) {
        jdbc.sql("UPDATE email_verifications SET invalidated_at = :now WHERE token_hash IN ("
                        + " SELECT token_hash FROM email_verifications WHERE user_id = :user AND used_at IS NULL"
                        + " AND invalidated_at IS NULL AND expires_at > :now"
                        + " ORDER BY created_at DESC, token_hash OFFSET :keep)")
                .param("now", at(now))
                .param("user", userId)
                .param("keep", keep)
                .update();
    }

    /**
     * Invalidates every outstanding token of the user: one of them was used, or the address was confirmed another way
     * (a password reset proves the mailbox too), so all of them are spent.
     */
    public void invalidateOutstanding(UUID userId, Instant now) {
        jdbc.sql("UPDATE email_verifications SET invalidated_at = ?"
                        + " WHERE user_id = ? AND used_at IS NULL AND invalidated_at IS NULL")
                .params(at(now), userId)
                .update();
    }

    /** When the user's newest token was issued. */
    Optional<Instant> lastIssuedAt(UUID userId) {
        return jdbc.sql("SELECT max(created_at) FROM email_verifications WHERE user_id = ?")
                .param(userId)
                .query((rs, row) -> Optional.ofNullable(Timestamps.instant(rs, 1)))
                .single();
    }

    int resendsSince(UUID userId, Instant since) {
        return jdbc.sql("SELECT count(*) FROM email_verifications WHERE user_id = ? AND kind = 'RESEND'"
                        + " AND created_at > ?")
                .params(userId, at(since))
                .query(Integer.class)
                .single();
    }

    static byte[] hash(String raw) {
        return Sha256.of(raw);
    }

    private static StoredToken map(ResultSet rs, int row) throws SQLException {
        return new StoredToken(
                rs.getObject("user_id", UUID.class),
                Timestamps.instant(rs, "expires_at"),
                Timestamps.instant(rs, "used_at") != null,
                Timestamps.instant(rs, "invalidated_at") != null,
                rs.getInt("password_attempts"));
    }

    /** Why a token was issued. */
    public enum Kind {
        REGISTRATION,
        RESEND,
        REMINDER
    }

    record StoredToken(UUID userId, Instant expiresAt, boolean used, boolean invalidated, int passwordAttempts) {}
}
