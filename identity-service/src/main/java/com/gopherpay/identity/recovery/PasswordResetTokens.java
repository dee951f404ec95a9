package com.gopherpay.identity.recovery;

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

/** The {@code password_resets} table: issues reset tokens and finds them again by their SHA-256. */
@Repository
class PasswordResetTokens {

    /** 256 bits. */
    private static final String COLUMNS = "user_id, expires_at, used_at, invalidated_at";

    private final JdbcClient jdbc;
    private final SecretTokens secretTokens;
    private final PasswordResetProperties properties;

    PasswordResetTokens(JdbcClient jdbc, SecretTokens secretTokens, PasswordResetProperties properties) {
        this.jdbc = jdbc;
        this.secretTokens = secretTokens;
        this.properties = properties;
    }

    /**
     * Stores the hash of a new token for {@code userId}, first invalidating the oldest live ones so that at most
     * {@code maxLiveTokens} work at once, this one included. Call inside the transaction that sends it, with the user
     * row locked.
     */
    IssuedResetToken issue(UUID userId, Instant now) {
        jdbc.sql("UPDATE password_resets SET invalidated_at = ? WHERE token_hash IN ("
                        + "SELECT token_hash FROM password_resets WHERE user_id = ? AND used_at IS NULL"
                        + " AND invalidated_at IS NULL AND expires_at > ?"
                        + " ORDER BY created_at DESC, token_hash OFFSET ?)")
                .params(at(now), userId, at(now), properties.maxLiveTokens() - 1)
                .update();
        String raw = secretTokens.next();
        // To the second, so the expiry carries nothing finer about the request.
        Instant expiresAt = now.plus(properties.tokenTtl()).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("INSERT INTO password_resets (token_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(hash(raw), userId, at(now), at(expiresAt))
                .update();
        return new IssuedResetToken(raw, expiresAt);
    }

    /** Finds the token with this raw value, without locking it. */
    Optional<StoredResetToken> find(String raw) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM password_resets WHERE token_hash = ?")
                .param(hash(raw))
                .query(PasswordResetTokens::map)
                .optional();
    }

    /** Finds and row-locks the token with this raw value. */
    Optional<StoredResetToken> lock(String raw) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM password_resets WHERE token_hash = ? FOR UPDATE")
                .param(hash(raw))
                .query(PasswordResetTokens::map)
                .optional();
    }

    void markUsed(String raw, Instant now) {
        jdbc.sql("UPDATE password_resets SET used_at = ? WHERE token_hash = ?")
                .params(at(now), hash(raw))
                .update();
    }

    /** Invalidates every outstanding reset token of the user: a new password makes every other link void. */
    void invalidateOutstanding(UUID userId, Instant now) {
        jdbc.sql("UPDATE password_resets SET invalidated_at = ?"
                        + " WHERE user_id = ? AND used_at IS NULL AND invalidated_at IS NULL")
                .params(at(now), userId)
                .update();
    }

    /** When the user's newest reset token was issued. */
    Optional<Instant> lastIssuedAt(UUID userId) {
        return jdbc.sql("SELECT max(created_at) FROM password_resets WHERE user_id = ?")
                .param(userId)
                .query((rs, row) -> Optional.ofNullable(Timestamps.instant(rs, 1)))
                .single();
    }

    /** Reset tokens issued to the user after {@code since}, whatever became of them. */
    int issuedSince(UUID userId, Instant since) {
        return jdbc.sql("SELECT count(*) FROM password_resets WHERE user_id = ? AND created_at > ?")
                .params(userId, at(since))
                .query(Integer.class)
                .single();
    }

    static byte[] hash(String raw) {
        return Sha256.of(raw);
    }

    private static StoredResetToken map(ResultSet rs, int row) throws SQLException {
        return new StoredResetToken(
                rs.getObject("user_id", UUID.class),
                Timestamps.instant(rs, "expires_at"),
                Timestamps.instant(rs, "used_at") != null,
                Timestamps.instant(rs, "invalidated_at") != null);
    }

    /**
     * A freshly issued reset token. The raw value only travels in the email; the database has its hash.
     *
     * @param raw 32 random bytes, base64url without padding
     * @param expiresAt when the token stops working
     */
    record IssuedResetToken(String raw, Instant expiresAt) {

        @Override
        public String toString() {
            return "IssuedResetToken[expiresAt=" + expiresAt + "]"; // never the raw token in a log line
        }
    }

    record StoredResetToken(UUID userId, Instant expiresAt, boolean used, boolean invalidated) {}
}
