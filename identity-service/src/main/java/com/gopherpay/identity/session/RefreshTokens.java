package com.gopherpay.identity.session;

import static com.gopherpay.identity.sql.Timestamps.at;

import com.gopherpay.identity.crypto.Sha256;
import com.gopherpay.identity.sql.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code session_families} and {@code refresh_tokens} tables; tokens are found by their SHA-256 only. */
@Repository
class RefreshTokens {

    private final JdbcClient jdbc;

    RefreshTokens(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertFamily(UUID familyId, UUID userId, Instant now, Instant expiresAt) {
        jdbc.sql("INSERT INTO session_families (id, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(familyId, userId, at(now), at(expiresAt))
                .update();
    }

    void insert(String raw, UUID familyId, Instant now, Instant expiresAt) {
        jdbc.sql("INSERT INTO refresh_tokens (token_hash, family_id, created_at, expires_at) VALUES (?, ?, ?, ?)")
                .params(hash(raw), familyId, at(now), at(expiresAt))
                .update();
    }

    /** The token with this raw value and its family, without locking. */
    Optional<StoredRefreshToken> find(String raw) {
        return jdbc.sql("SELECT t.family_id, f.user_id, t.expires_at, t.rotated_at, f.expires_at AS family_expires_at,"
                        + " f.revoked_at FROM refresh_tokens t JOIN session_families f ON f.id = t.family_id"
                        + " WHERE t.token_hash = ?")
                .param(hash(raw))
                .query(RefreshTokens::map)
                .optional();
    }

    /** Marks the token used; false when another request used it first (which makes this request a reuse). */
    boolean markRotated(String raw, Instant now) {
        return jdbc.sql("UPDATE refresh_tokens SET rotated_at = ? WHERE token_hash = ? AND rotated_at IS NULL")
                        .params(at(now), hash(raw))
                        .update()
                == 1;
    }

    void revokeFamily(UUID familyId, Instant now) {
        jdbc.sql("UPDATE session_families SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")
                .params(at(now), familyId)
                .update();
    }

    /** Ends every session of the account; returns how many were still open. */
    int revokeAllOf(UUID userId, Instant now) {
        return jdbc.sql("UPDATE session_families SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
                .params(at(now), userId)
                .update();
    }

    /**
     * Deletes up to {@code limit} sessions that expired or were revoked before {@code before}, with their refresh
     * tokens (presenting one of those later gets the same 401 as any unknown token); returns how many.
     */
    int deleteEnded(Instant before, int limit) {
        return jdbc.sql("DELETE FROM session_families WHERE id IN (SELECT id FROM session_families"
                        + " WHERE expires_at < ? OR revoked_at < ? LIMIT ?)")
                .params(at(before), at(before), limit)
                .update();
    }

    static byte[] hash(String raw) {
        return Sha256.of(raw);
    }

    private static StoredRefreshToken map(ResultSet rs, int row) throws SQLException {
        return new StoredRefreshToken(
                rs.getObject("family_id", UUID.class),
                rs.getObject("user_id", UUID.class),
                Timestamps.instant(rs, "expires_at"),
                Timestamps.instant(rs, "rotated_at"),
                Timestamps.instant(rs, "family_expires_at"),
                Timestamps.instant(rs, "revoked_at") != null);
    }

    record StoredRefreshToken(
            UUID familyId,
            UUID userId,
            Instant expiresAt,
            Instant rotatedAt,
            Instant familyExpiresAt,
            boolean familyRevoked) {}
}
