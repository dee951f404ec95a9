package com.gopherpay.identity.user;

import static com.gopherpay.identity.sql.Timestamps.at;

import com.gopherpay.identity.sql.Timestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code users} and {@code user_settings} tables. */
@Repository
public class Users {

    private static final String COLUMNS = "id, email, full_name, status, created_at, email_verified_at";

    private final JdbcClient jdbc;

    Users(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Inserts a pending user unless the canonical email is taken; true when inserted. The unique index decides races
     * (a concurrent insert of the same address waits for the other transaction), and a taken address aborts nothing,
     * so the caller carries on in the same transaction either way.
     */
    public boolean insertIfAbsent(User user, EmailAddress email, String passwordHash) {
        return jdbc.sql("INSERT INTO users (id, email, email_canonical, full_name, password_hash, status, created_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (email_canonical) DO NOTHING")
                        .params(
                                user.id(),
                                email.value(),
                                email.canonical(),
                                user.fullName(),
                                passwordHash,
                                user.status().name(),
                                at(user.createdAt()))
                        .update()
                == 1;
    }

    /** The user's Argon2id PHC string; it leaves this class only to be verified. */
    public Optional<String> passwordHash(UUID id) {
        return jdbc.sql("SELECT password_hash FROM users WHERE id = ?")
                .param(id)
                .query(String.class)
                .optional();
    }

    /** Replaces the user's password hash (the user row must be locked by the caller's transaction). */
    public void replacePasswordHash(UUID id, String passwordHash) {
        jdbc.sql("UPDATE users SET password_hash = ? WHERE id = ?")
                .params(passwordHash, id)
                .update();
    }

    /** Creates the account's initial settings: marketing opt-in and MFA start off. */
    public void insertSettings(UUID userId, String locale, String timeZone, Instant now) {
        jdbc.sql("INSERT INTO user_settings (user_id, locale, time_zone, marketing_opt_in, mfa_enabled, updated_at)"
                        + " VALUES (?, ?, ?, false, false, ?)")
                .params(userId, locale, timeZone, at(now))
                .update();
    }

    public boolean existsByCanonicalEmail(String canonicalEmail) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM users WHERE email_canonical = ?)")
                .param(canonicalEmail)
                .query(Boolean.class)
                .single();
    }

    /** The account with this canonical address, without locking it. */
    public Optional<User> findByCanonicalEmail(String canonicalEmail) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email_canonical = ?")
                .param(canonicalEmail)
                .query(Users::map)
                .optional();
    }

    /**
     * The account with this canonical email and its Argon2id PHC string, read together: what a sign-in checks. The
     * hash leaves this class only to be verified.
     */
    public Optional<StoredCredentials> findCredentialsByCanonicalEmail(String canonicalEmail) {
        return jdbc.sql("SELECT " + COLUMNS + ", password_hash FROM users WHERE email_canonical = ?")
                .param(canonicalEmail)
                .query((rs, row) -> new StoredCredentials(map(rs, row), rs.getString("password_hash")))
                .optional();
    }

    /** Reads and row-locks a user, so that concurrent resends or notices for one account run one at a time. */
    public Optional<User> lockByCanonicalEmail(String canonicalEmail) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE email_canonical = ? FOR UPDATE")
                .param(canonicalEmail)
                .query(Users::map)
                .optional();
    }

    public Optional<User> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ?")
                .param(id)
                .query(Users::map)
                .optional();
    }

    public Optional<User> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE id = ? FOR UPDATE")
                .param(id)
                .query(Users::map)
                .optional();
    }

    /** Marks the email verified; returns the user as it is now. */
    public User activate(User user, Instant now) {
        if (user.status() == UserStatus.ACTIVE) {
            return user;
        }
        jdbc.sql("UPDATE users SET status = 'ACTIVE', email_verified_at = ? WHERE id = ?")
                .params(at(now), user.id())
                .update();
        return new User(user.id(), user.email(), user.fullName(), UserStatus.ACTIVE, user.createdAt(), now);
    }

    /**
     * Switches the account to {@code email}, confirmed at {@code now} (the user row must be locked by the caller's
     * transaction); returns the user as it is now. The unique index on the canonical address decides a race with a
     * registration or another change to the same address: the loser gets a
     * {@link org.springframework.dao.DuplicateKeyException}, which aborts the caller's transaction.
     */
    public User changeEmail(User user, EmailAddress email, Instant now) {
        jdbc.sql("UPDATE users SET email = ?, email_canonical = ?, email_verified_at = ? WHERE id = ?")
                .params(email.value(), email.canonical(), at(now), user.id())
                .update();
        return new User(user.id(), email.value(), user.fullName(), user.status(), user.createdAt(), now);
    }

    /**
     * Records an "account already exists" notice unless one went out after {@code notBefore}; true when this call
     * claimed the notice.
     */
    public boolean claimAccountNotice(UUID id, Instant now, Instant notBefore) {
        return jdbc.sql("UPDATE users SET account_notice_sent_at = ? WHERE id = ?"
                                + " AND (account_notice_sent_at IS NULL OR account_notice_sent_at < ?)")
                        .params(at(now), id, at(notBefore))
                        .update()
                == 1;
    }

    /**
     * Locks up to {@code limit} accounts still pending that were created before {@code cutoff}, oldest first, skipping
     * rows another transaction holds (another instance's cleanup, a verification under way).
     */
    public List<User> lockPendingCreatedBefore(Instant cutoff, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE status = 'PENDING_VERIFICATION' AND created_at < ?"
                        + " ORDER BY created_at LIMIT ? FOR UPDATE SKIP LOCKED")
                .params(at(cutoff), limit)
                .query(Users::map)
                .list();
    }

    /**
     * One page of pending accounts created before {@code cutoff}, oldest first, continuing after the account
     * ({@code afterCreatedAt}, {@code afterId}) when those are set: keyset pagination, stable while rows come and go.
     */
    public List<User> pendingCreatedBefore(Instant cutoff, Instant afterCreatedAt, UUID afterId, int limit) {
        if (afterCreatedAt == null) {
            return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE status = 'PENDING_VERIFICATION'"
                            + " AND created_at < ? ORDER BY created_at, id LIMIT ?")
                    .params(at(cutoff), limit)
                    .query(Users::map)
                    .list();
        }
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE status = 'PENDING_VERIFICATION'"
                        + " AND created_at < ? AND (created_at, id) > (?, ?) ORDER BY created_at, id LIMIT ?")
                .params(at(cutoff), at(afterCreatedAt), afterId, limit)
                .query(Users::map)
                .list();
    }

    /**
     * Locks up to {@code limit} pending accounts created before {@code cutoff} but not before {@code notBefore} that
     * have had no verification reminder yet, oldest first, skipping rows other transactions hold.
     */
    public List<User> lockDueForReminder(Instant cutoff, Instant notBefore, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM users WHERE status = 'PENDING_VERIFICATION' AND created_at < ?"
                        + " AND created_at >= ? AND verification_reminder_sent_at IS NULL ORDER BY created_at LIMIT ?"
                        + " FOR UPDATE SKIP LOCKED")
                .params(at(cutoff), at(notBefore), limit)
                .query(Users::map)
                .list();
    }

    /** Records that the account had its one verification reminder (sent, or suppressed by the send budget). */
    public void markReminded(UUID id, Instant now) {
        jdbc.sql("UPDATE users SET verification_reminder_sent_at = ? WHERE id = ?")
                .params(at(now), id)
                .update();
    }

    /** Pending accounts created before {@code cutoff}, counted without locks. */
    public long countPendingCreatedBefore(Instant cutoff) {
        return jdbc.sql("SELECT count(*) FROM users WHERE status = 'PENDING_VERIFICATION' AND created_at < ?")
                .param(at(cutoff))
                .query(Long.class)
                .single();
    }

    /**
     * Pending accounts by age: how many were created at or after each of {@code since} (newest cut-off first) and
     * before the previous one; one more count at the end for the older rest.
     */
    public List<Long> countPendingByAge(List<Instant> since) {
        StringBuilder sql = new StringBuilder("SELECT ");
        List<Object> params = new ArrayList<>();
        Instant upper = null;
        for (Instant lower : since) {
            sql.append("count(*) FILTER (WHERE created_at >= ?");
            params.add(at(lower));
            if (upper != null) {
                sql.append(" AND created_at < ?");
                params.add(at(upper));
            }
            sql.append("), ");
            upper = lower;
        }
        sql.append("count(*) FILTER (WHERE created_at < ?) FROM users WHERE status = 'PENDING_VERIFICATION'");
        params.add(at(upper));
        return jdbc.sql(sql.toString())
                .params(params)
                .query((rs, row) -> {
                    List<Long> counts = new ArrayList<>();
                    for (int i = 1; i <= since.size() + 1; i++) {
                        counts.add(rs.getLong(i));
                    }
                    return counts;
                })
                .single();
    }

    /** Deletes the account with its settings and tokens (the foreign keys cascade); true when it existed. */
    public boolean delete(UUID id) {
        return jdbc.sql("DELETE FROM users WHERE id = ?").param(id).update() == 1;
    }

    private static User map(ResultSet rs, int row) throws SQLException {
        return new User(
                rs.getObject("id", UUID.class),
                rs.getString("email"),
                rs.getString("full_name"),
                UserStatus.valueOf(rs.getString("status")),
                Timestamps.instant(rs, "created_at"),
                Timestamps.instant(rs, "email_verified_at"));
    }
}
