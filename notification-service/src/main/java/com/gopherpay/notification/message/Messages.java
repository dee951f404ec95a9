package com.gopherpay.notification.message;

import com.gopherpay.notification.shared.SqlTimestamps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The message table: the delivery queue ({@code queued}) and the delivery record ({@code sent}/{@code error}). */
@Repository
public class Messages {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    /**
     * The content hash of a row as stored: messages are stored unrendered (delivery renders them), so only a row
     * stored rendered by an earlier version has HTML or text to hash; any other keeps the hash it has (none).
     */
    private static final String STORED_CONTENT_SHA256 = """
            CASE WHEN html IS NULL AND text_body IS NULL THEN content_sha256
                ELSE encode(sha256(convert_to(concat_ws(E'\\n', subject, html, text_body), 'UTF8')), 'hex') END""";

    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batchJdbc;
    private final JsonMapper json;

    Messages(JdbcClient jdbc, NamedParameterJdbcTemplate batchJdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.batchJdbc = batchJdbc;
        this.json = json;
    }

    /**
     * Stores messages in one JDBC batch; each is queued for delivery now unless it already carries an error. Nothing
     * is rendered yet: delivery renders each message from its payload and subscriber snapshot.
     */
    public void insertAll(List<NewMessage> newMessages, Instant now) {
        if (newMessages.isEmpty()) {
            return;
        }
        Timestamp timestamp = SqlTimestamps.of(now);
        SqlParameterSource[] batch = newMessages.stream()
                .map(message -> new MapSqlParameterSource()
                        .addValue("id", message.id())
                        .addValue("env", message.environmentId())
                        .addValue("txn", message.transactionId())
                        .addValue("workflow", message.workflowId())
                        .addValue("subscriberId", message.subscriberId())
                        .addValue("subscriber", json.writeValueAsString(message.subscriber()))
                        .addValue("email", message.email(), Types.VARCHAR)
                        .addValue("toName", message.toName(), Types.VARCHAR)
                        .addValue("payload", json.writeValueAsString(message.payload()))
                        .addValue(
                                "overrides",
                                message.overrides() == null ? null : json.writeValueAsString(message.overrides()),
                                Types.VARCHAR)
                        .addValue("status", message.error() == null ? "queued" : "error")
                        .addValue("error", message.error(), Types.VARCHAR)
                        .addValue("next", message.error() == null ? timestamp : null, Types.TIMESTAMP)
                        .addValue("now", timestamp))
                .toArray(SqlParameterSource[]::new);
        batchJdbc.batchUpdate("""
                        INSERT INTO messages (id, environment_id, transaction_id, workflow_id, subscriber_id, subscriber,
                            email, to_name, payload, overrides, status, last_error, next_attempt_at, created_at,
                            updated_at)
                        VALUES (:id, :env, :txn, :workflow, :subscriberId, CAST(:subscriber AS JSONB), :email, :toName,
                            CAST(:payload AS JSONB), CAST(:overrides AS JSONB), :status, :error, :next, :now, :now)
                        ON CONFLICT (environment_id, transaction_id, subscriber_id) DO NOTHING
                        """, batch);
    }

    /**
     * Claims up to {@code limit} due messages for this worker: their next attempt moves to {@code leaseUntil}, so
     * other workers skip them meanwhile, and if this worker dies they become due again by themselves. The claim's
     * {@code token} is what the updates below require, so only the latest claim of a message can change it.
     */
    public List<QueuedEmail> claimDue(UUID token, int limit, Instant now, Instant leaseUntil) {
        return jdbc.sql("""
                        UPDATE messages SET attempts = attempts + 1, next_attempt_at = :lease, updated_at = :now,
                            claim_token = :token
                        WHERE id IN (
                            SELECT id FROM messages
                            WHERE status = 'queued' AND next_attempt_at <= :now
                            ORDER BY next_attempt_at
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        RETURNING id, transaction_id, workflow_id, email, to_name, subscriber, payload, attempts,
                            created_at
                        """)
                .param("lease", SqlTimestamps.of(leaseUntil))
                .param("now", SqlTimestamps.of(now))
                .param("token", token)
                .param("limit", limit)
                .query((rs, row) -> new QueuedEmail(
                        rs.getObject("id", UUID.class),
                        rs.getString("transaction_id"),
                        rs.getString("workflow_id"),
                        rs.getString("email"),
                        rs.getString("to_name"),
                        json.readValue(rs.getString("subscriber"), MAP),
                        json.readValue(rs.getString("payload"), MAP),
                        rs.getInt("attempts"),
                        SqlTimestamps.instant(rs, "created_at")))
                .list();
    }

    /**
     * Marks messages sent, in one statement, and redacts them: each keeps its subject and the hash of its content.
     *
     * <p>The delivery worker marks each message the moment the SMTP server accepts it, one commit per email, and waits
     * for it before sending the next; so the commit is asynchronous: PostgreSQL has the mark at once (a killed
     * service instance loses nothing), and only its flush to disk is deferred, by at most three times {@code
     * wal_writer_delay} (0.6 s by default). A PostgreSQL crash inside that window can make such a message be sent
     * again after its lease, never lost; the wait for each flush was most of the time per email. The statement runs
     * on its own (autocommit) and sets {@code synchronous_commit} for its own transaction only ({@code set_config}
     * with {@code is_local}), so the mark costs one round trip instead of three (SET LOCAL, UPDATE, COMMIT).
     *
     * @return how many of the messages this claim still held (the others were claimed again since)
     */
    public int markSent(UUID token, Collection<SentContent> sent, Instant now) {
        if (sent.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        WITH async_commit AS (SELECT set_config('synchronous_commit', 'off', true))
                        UPDATE messages m SET status = 'sent', sent_at = :now, updated_at = :now,
                            next_attempt_at = NULL, last_error = NULL, claim_token = NULL, subject = s.subject,
                            html = NULL, text_body = NULL, payload = redact_jsonb(m.payload),
                            overrides = redact_jsonb(m.overrides), content_sha256 = s.content_sha256, redacted_at = :now
                        FROM async_commit, unnest(CAST(:ids AS UUID[]), CAST(:subjects AS TEXT[]),
                            CAST(:hashes AS TEXT[])) AS s(id, subject, content_sha256)
                        WHERE m.id = s.id AND m.claim_token = :token
                        """)
                .param("now", SqlTimestamps.of(now))
                .param("ids", sent.stream().map(SentContent::messageId).toArray(UUID[]::new))
                .param("subjects", sent.stream().map(SentContent::subject).toArray(String[]::new))
                .param("hashes", sent.stream().map(SentContent::contentSha256).toArray(String[]::new))
                .param("token", token)
                .update();
    }

    /** Gives claimed messages that were never tried back to the queue, due at once, the attempt not counted. */
    public int release(UUID token, Collection<UUID> ids, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE messages SET attempts = attempts - 1, next_attempt_at = :now, updated_at = :now,
                            claim_token = NULL
                        WHERE id = ANY(:ids) AND claim_token = :token
                        """)
                .param("now", SqlTimestamps.of(now))
                .param("ids", ids.toArray(UUID[]::new))
                .param("token", token)
                .update();
    }

    /**
     * Gives claimed messages back to the queue untried because the SMTP server could not be reached: due at once
     * (the delivery worker claims nothing while the server is down), the attempt not counted, the reason kept as
     * {@code last_error}.
     */
    public int releaseUnreachable(UUID token, Collection<UUID> ids, String error, Instant now) {
        if (ids.isEmpty()) {
            return 0;
        }
        return jdbc.sql("""
                        UPDATE messages SET attempts = attempts - 1, next_attempt_at = :now, updated_at = :now,
                            last_error = :error, claim_token = NULL
                        WHERE id = ANY(:ids) AND claim_token = :token
                        """)
                .param("now", SqlTimestamps.of(now))
                .param("error", error)
                .param("ids", ids.toArray(UUID[]::new))
                .param("token", token)
                .update();
    }

    /** @return whether this claim still held the message */
    public boolean retryLater(UUID token, UUID id, String error, Instant nextAttempt, Instant now) {
        return retryLater(token, id, error, nextAttempt, now, false);
    }

    /**
     * Schedules the next attempt of a message that failed transiently.
     *
     * @param waitsForSmtp whether the SMTP server itself failed (no reply about this message): such a message is
     *     made due again by {@link #resumeWaitingForSmtp} as soon as the server answers again
     * @return whether this claim still held the message
     */
    public boolean retryLater(
            UUID token, UUID id, String error, Instant nextAttempt, Instant now, boolean waitsForSmtp) {
        return jdbc.sql("""
                        UPDATE messages SET last_error = :error, next_attempt_at = :next, updated_at = :now,
                            claim_token = NULL, waits_for_smtp = :waitsForSmtp
                        WHERE id = :id AND claim_token = :token
                        """)
                        .param("error", error)
                        .param("next", SqlTimestamps.of(nextAttempt))
                        .param("now", SqlTimestamps.of(now))
                        .param("id", id)
                        .param("token", token)
                        .param("waitsForSmtp", waitsForSmtp)
                        .update()
                == 1;
    }

    /**
     * After an SMTP outage: every queued message that waits for its next attempt only because the server failed
     * ({@code waits_for_smtp}) is due now. Messages a worker holds right now (claim token set) are left alone; the
     * statement waits for rows another instance is claiming and then skips them, so running it on several instances
     * at once is safe.
     *
     * @return how many messages became due
     */
    public int resumeWaitingForSmtp(Instant now) {
        return jdbc.sql("""
                        UPDATE messages SET next_attempt_at = :now, updated_at = :now, waits_for_smtp = FALSE
                        WHERE status = 'queued' AND waits_for_smtp AND claim_token IS NULL AND next_attempt_at > :now
                        """).param("now", SqlTimestamps.of(now)).update();
    }

    /**
     * Marks a message failed for good and redacts it.
     *
     * @param content what it was rendered with, or null when it could not be rendered (then it keeps no subject and
     *     no content hash, unless it was stored rendered by an earlier version)
     * @return whether this claim still held the message
     */
    public boolean markFailed(UUID token, UUID id, String error, SentContent content, Instant now) {
        return jdbc.sql("""
                        UPDATE messages SET status = 'error', last_error = :error, next_attempt_at = NULL,
                            updated_at = :now, claim_token = NULL, subject = COALESCE(:subject, subject),
                            content_sha256 = COALESCE(:contentSha256, %s),
                            html = NULL, text_body = NULL, payload = redact_jsonb(payload),
                            overrides = redact_jsonb(overrides), redacted_at = :now
                        WHERE id = :id AND claim_token = :token
                        """.formatted(STORED_CONTENT_SHA256))
                        .param("error", error)
                        .param("subject", content == null ? null : content.subject(), Types.VARCHAR)
                        .param("contentSha256", content == null ? null : content.contentSha256(), Types.VARCHAR)
                        .param("now", SqlTimestamps.of(now))
                        .param("id", id)
                        .param("token", token)
                        .update()
                == 1;
    }

    /**
     * Redacts up to {@code limit} messages that still hold content and no longer need it: finished ones (stored as
     * errors at acceptance, or finished by an instance that died before redacting), and queued ones accepted before
     * {@code liveBefore}, whose links have expired: those are failed instead of sent. A message a worker is sending
     * right now (claimed, lease running) is left to that worker. Rows are taken with {@code SKIP LOCKED}, so
     * instances sweeping at the same time share the work instead of waiting for each other.
     *
     * @return how many messages were redacted
     */
    public int redactExpired(Instant liveBefore, Instant now, int limit, String expiredError) {
        return jdbc.sql("""
                        UPDATE messages SET html = NULL, text_body = NULL, payload = redact_jsonb(payload),
                            overrides = redact_jsonb(overrides), content_sha256 = %s,
                            redacted_at = :now, updated_at = :now,
                            status = CASE WHEN status = 'queued' THEN 'error' ELSE status END,
                            last_error = CASE WHEN status = 'queued' THEN :expired ELSE last_error END,
                            next_attempt_at = CASE WHEN status = 'queued' THEN NULL ELSE next_attempt_at END,
                            claim_token = CASE WHEN status = 'queued' THEN NULL ELSE claim_token END
                        WHERE id IN (
                            SELECT id FROM messages
                            WHERE redacted_at IS NULL
                                AND (status <> 'queued'
                                    OR (created_at < :liveBefore
                                        AND (claim_token IS NULL OR next_attempt_at <= :now)))
                            ORDER BY created_at
                            LIMIT :limit
                            FOR UPDATE SKIP LOCKED)
                        """.formatted(STORED_CONTENT_SHA256))
                .param("liveBefore", SqlTimestamps.of(liveBefore))
                .param("now", SqlTimestamps.of(now))
                .param("limit", limit)
                .param("expired", expiredError)
                .update();
    }

    public long countQueued() {
        return jdbc.sql("SELECT count(*) FROM messages WHERE status = 'queued'")
                .query(Long.class)
                .single();
    }

    /** Finished messages (sent or error) matching the filter, newest first; queued ones are not listed yet. */
    public MessagePage find(MessageQuery query) {
        StringBuilder where = new StringBuilder("environment_id = :env AND status <> 'queued'");
        Map<String, Object> params = new HashMap<>();
        params.put("env", query.environmentId());
        if (!query.transactionIds().isEmpty()) {
            where.append(" AND transaction_id = ANY(:txns)");
            params.put("txns", query.transactionIds().toArray(String[]::new));
        }
        if (query.subscriberId() != null) {
            where.append(" AND subscriber_id = :subscriberId");
            params.put("subscriberId", query.subscriberId());
        }
        if (query.channel() != null && !"email".equals(query.channel())) {
            where.append(" AND FALSE");
        }
        long total = jdbc.sql("SELECT count(*) FROM messages WHERE " + where)
                .params(params)
                .query(Long.class)
                .single();
        params.put("limit", query.limit());
        params.put("offset", (long) query.page() * query.limit());
        List<StoredMessage> rows = jdbc.sql("SELECT m.*, s.created_at AS subscriber_created_at,"
                        + " s.updated_at AS subscriber_updated_at FROM (SELECT * FROM messages WHERE " + where
                        + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset) m"
                        + " LEFT JOIN subscribers s"
                        + " ON s.environment_id = m.environment_id AND s.subscriber_id = m.subscriber_id"
                        + " ORDER BY m.created_at DESC, m.id")
                .params(params)
                .query(this::map)
                .list();
        return new MessagePage(new ArrayList<>(rows), total);
    }

    private StoredMessage map(ResultSet rs, int row) throws SQLException {
        TypeReference<Map<String, Object>> mapType = new TypeReference<>() {};
        String overrides = rs.getString("overrides");
        Instant createdAt = SqlTimestamps.instant(rs, "created_at");
        Instant subscriberCreatedAt = SqlTimestamps.instant(rs, "subscriber_created_at");
        Instant subscriberUpdatedAt = SqlTimestamps.instant(rs, "subscriber_updated_at");
        return new StoredMessage(
                rs.getObject("id", UUID.class),
                rs.getString("environment_id"),
                rs.getString("transaction_id"),
                rs.getString("workflow_id"),
                rs.getString("subscriber_id"),
                json.readValue(rs.getString("subscriber"), mapType),
                rs.getString("email"),
                rs.getString("subject"),
                rs.getString("html"),
                json.readValue(rs.getString("payload"), mapType),
                overrides == null ? null : json.readValue(overrides, Object.class),
                rs.getString("status"),
                rs.getString("last_error"),
                rs.getInt("attempts"),
                createdAt,
                SqlTimestamps.instant(rs, "updated_at"),
                SqlTimestamps.instant(rs, "sent_at"),
                rs.getString("content_sha256"),
                subscriberCreatedAt == null ? createdAt : subscriberCreatedAt,
                subscriberUpdatedAt == null ? createdAt : subscriberUpdatedAt);
    }
}
