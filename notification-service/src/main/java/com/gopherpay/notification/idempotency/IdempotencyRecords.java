package com.gopherpay.notification.idempotency;

import com.gopherpay.notification.shared.SqlTimestamps;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Idempotency keys per environment, with an atomic "first one wins" claim. */
@Repository
class IdempotencyRecords {

    private final JdbcClient jdbc;

    IdempotencyRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Marks the key as in progress if nobody holds it (or the previous holder's record has expired).
     *
     * @return whether this caller now owns the key and must process the request
     */
    boolean claim(String environmentId, String key, String bodyHash, Instant now, Instant inProgressUntil) {
        int updated = jdbc.sql("""
                        INSERT INTO idempotency_keys
                            (environment_id, idempotency_key, body_hash, completed, created_at, expires_at)
                        VALUES (:env, :key, :hash, FALSE, :now, :until)
                        ON CONFLICT (environment_id, idempotency_key) DO UPDATE
                            SET body_hash = EXCLUDED.body_hash, completed = FALSE, status_code = NULL,
                                content_type = NULL, response_body = NULL, created_at = EXCLUDED.created_at,
                                expires_at = EXCLUDED.expires_at
                            WHERE idempotency_keys.expires_at <= :now
                        """)
                .param("env", environmentId)
                .param("key", key)
                .param("hash", bodyHash)
                .param("now", SqlTimestamps.of(now))
                .param("until", SqlTimestamps.of(inProgressUntil))
                .update();
        return updated == 1;
    }

    Optional<IdempotencyRecord> find(String environmentId, String key) {
        return jdbc.sql("""
                        SELECT body_hash, completed, status_code, content_type, response_body, expires_at
                        FROM idempotency_keys WHERE environment_id = :env AND idempotency_key = :key
                        """)
                .param("env", environmentId)
                .param("key", key)
                .query((rs, row) -> new IdempotencyRecord(
                        rs.getString("body_hash"),
                        rs.getBoolean("completed"),
                        rs.getInt("status_code"),
                        rs.getString("content_type"),
                        rs.getBytes("response_body"),
                        SqlTimestamps.instant(rs, "expires_at")))
                .optional();
    }

    void complete(
            String environmentId, String key, int statusCode, String contentType, byte[] body, Instant expiresAt) {
        jdbc.sql("""
                        UPDATE idempotency_keys
                        SET completed = TRUE, status_code = :status, content_type = :type, response_body = :body,
                            expires_at = :until
                        WHERE environment_id = :env AND idempotency_key = :key
                        """)
                .param("status", statusCode)
                .param("type", contentType)
                .param("body", body)
                .param("until", SqlTimestamps.of(expiresAt))
                .param("env", environmentId)
                .param("key", key)
                .update();
    }

    /** Frees a key whose request died without a response (so a retry is not blocked for the in-progress TTL). */
    void release(String environmentId, String key) {
        jdbc.sql(
                        "DELETE FROM idempotency_keys WHERE environment_id = :env AND idempotency_key = :key AND NOT completed")
                .param("env", environmentId)
                .param("key", key)
                .update();
    }

    int deleteExpired(Instant now) {
        return jdbc.sql("DELETE FROM idempotency_keys WHERE expires_at <= :now")
                .param("now", SqlTimestamps.of(now))
                .update();
    }
}
