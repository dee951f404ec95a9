package com.gopherpay.identity.emailchange;

import static com.gopherpay.identity.sql.Timestamps.at;

import com.gopherpay.identity.crypto.SecretTokens;
import com.gopherpay.identity.crypto.Sha256;
import com.gopherpay.identity.sql.Timestamps;
import com.gopherpay.identity.user.EmailAddress;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.util.IdGenerator;

/**
 * The {@code email_changes} table: stores a requested change with the SHA-256 of its two tokens, and finds it again
 * by either token.
 */
@Repository
class EmailChanges {

    /** 256 bits. */
    private static final String COLUMNS = "id, user_id, new_email, new_email_canonical, expires_at,"
            + " confirmed_at IS NOT NULL OR cancelled_at IS NOT NULL OR failed_at IS NOT NULL"
            + " OR superseded_at IS NOT NULL AS ended";

    /** Which of its two tokens a change is looked up by. */
    enum Token {
        CONFIRM("confirm_token_hash"),
        CANCEL("cancel_token_hash");

        private final String column;

        Token(String column) {
            this.column = column;
        }
    }

    private final JdbcClient jdbc;
    private final SecretTokens secretTokens;
    private final IdGenerator ids;
    private final EmailChangeProperties properties;

    EmailChanges(JdbcClient jdbc, SecretTokens secretTokens, IdGenerator ids, EmailChangeProperties properties) {
        this.jdbc = jdbc;
        this.secretTokens = secretTokens;
        this.ids = ids;
        this.properties = properties;
    }

    /**
     * Supersedes the account's pending change, if any, and stores a new one to {@code newEmail}. Call inside the
     * transaction that sends its emails, with the user row locked.
     */
    IssuedChange issue(UUID userId, EmailAddress newEmail, Instant now) {
        jdbc.sql("UPDATE email_changes SET superseded_at = ? WHERE user_id = ? AND confirmed_at IS NULL"
                        + " AND cancelled_at IS NULL AND failed_at IS NULL AND superseded_at IS NULL")
                .params(at(now), userId)
                .update();
        String confirm = newToken();
        String cancel = newToken();
        // To the second, so the expiry carries nothing finer about the request.
        Instant expiresAt = now.plus(properties.tokenTtl()).truncatedTo(ChronoUnit.SECONDS);
        jdbc.sql("INSERT INTO email_changes (id, user_id, new_email, new_email_canonical, confirm_token_hash,"
                        + " cancel_token_hash, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        ids.generateId(),
                        userId,
                        newEmail.value(),
                        newEmail.canonical(),
                        hash(confirm),
                        hash(cancel),
                        at(now),
                        at(expiresAt))
                .update();
        return new IssuedChange(confirm, cancel, expiresAt);
    }

    /** Finds the change this raw token belongs to, without locking it. */
    Optional<StoredChange> find(Token token, String raw) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM email_changes WHERE " + token.column + " = ?")
                .param(hash(raw))
                .query(EmailChanges::map)
                .optional();
    }

    /** Finds and row-locks the change this raw token belongs to. */
    Optional<StoredChange> lock(Token token, String raw) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM email_changes WHERE " + token.column + " = ? FOR UPDATE")
                .param(hash(raw))
                .query(EmailChanges::map)
                .optional();
    }

    void markConfirmed(UUID id, Instant now) {
        mark(id, "confirmed_at", now);
    }

    void markCancelled(UUID id, Instant now) {
        mark(id, "cancelled_at", now);
    }

    /** The new address belonged to another account when the change was confirmed; the change is over. */
    void markFailed(UUID id, Instant now) {
        mark(id, "failed_at", now);
    }

    private void mark(UUID id, String column, Instant now) {
        jdbc.sql("UPDATE email_changes SET " + column + " = ? WHERE id = ?")
                .params(at(now), id)
                .update();
    }

    private String newToken() {
        return secretTokens.next();
    }

    static byte[] hash(String raw) {
        return Sha256.of(raw);
    }

    private static StoredChange map(ResultSet rs, int row) throws SQLException {
        return new StoredChange(
                rs.getObject("id", UUID.class),
                rs.getObject("user_id", UUID.class),
                new EmailAddress(rs.getString("new_email"), rs.getString("new_email_canonical")),
                Timestamps.instant(rs, "expires_at"),
                rs.getBoolean("ended"));
    }

    /**
     * A freshly stored change. The raw tokens only travel in the emails; the database has their hashes.
     *
     * @param confirmToken for the link to the new address
     * @param cancelToken for the link to the current address
     * @param expiresAt when both stop working
     */
    record IssuedChange(String confirmToken, String cancelToken, Instant expiresAt) {

        @Override
        public String toString() {
            return "IssuedChange[expiresAt=" + expiresAt + "]"; // never a raw token in a log line
        }
    }

    /**
     * A stored change.
     *
     * @param ended confirmed, cancelled, failed or superseded: its links no longer work
     */
    record StoredChange(UUID id, UUID userId, EmailAddress newEmail, Instant expiresAt, boolean ended) {}
}
