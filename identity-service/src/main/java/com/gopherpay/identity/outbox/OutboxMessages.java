package com.gopherpay.identity.outbox;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * All of the outbox table's SQL. A row is {@code PENDING} until Kafka acknowledges it (then it is deleted: its payload
 * may carry a live verification link) or until Kafka has refused it for good {@code max-attempts} times (then it is
 * {@code FAILED} and kept, with its error, for an operator). Attempt times come from the database's clock, so every
 * instance judges backoff alike.
 */
@Repository
public class OutboxMessages {

    private static final String COLUMNS = "id, topic, record_key, event_type, payload, traceparent, attempts, headers";

    private static final TypeReference<LinkedHashMap<String, String>> HEADERS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    public OutboxMessages(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores {@code record} as pending; runs in the caller's transaction. */
    public void insert(OutboxRecord record, String traceparent, Instant createdAt) {
        jdbc.sql("INSERT INTO outbox (id, topic, record_key, event_type, payload, traceparent, created_at, headers,"
                        + " secret_payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?)")
                .params(
                        record.eventId(),
                        record.topic(),
                        record.key(),
                        record.eventType(),
                        record.payload(),
                        traceparent,
                        OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC),
                        headersJson(record.headers()),
                        record.secretPayload())
                .update();
    }

    /** The database's current time: where a sweep round starts. */
    Instant now() {
        return jdbc.sql("SELECT clock_timestamp()")
                .query(OffsetDateTime.class)
                .single()
                .toInstant();
    }

    /** Locks these rows if they are still pending and no other relay holds them. */
    List<PendingMessage> lockPending(List<UUID> ids) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbox WHERE id IN (:ids) AND status = 'PENDING'"
                        + " FOR UPDATE SKIP LOCKED")
                .param("ids", ids)
                .query(this::pending)
                .list();
    }

    /**
     * Locks the oldest pending rows that no other relay holds, that are not waiting out a backoff and that were not
     * tried since {@code roundStart} (so one round does not retry what it has just seen fail).
     */
    List<PendingMessage> lockDue(Instant roundStart, int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM outbox WHERE status = 'PENDING'"
                        + " AND (next_attempt_at IS NULL OR next_attempt_at <= clock_timestamp())"
                        + " AND (last_attempt_at IS NULL OR last_attempt_at < :roundStart)"
                        + " ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED")
                .param("roundStart", OffsetDateTime.ofInstant(roundStart, ZoneOffset.UTC))
                .param("limit", limit)
                .query(this::pending)
                .list();
    }

    /** Removes rows Kafka has acknowledged. */
    void delete(List<UUID> ids) {
        if (!ids.isEmpty()) {
            jdbc.sql("DELETE FROM outbox WHERE id IN (:ids)").param("ids", ids).update();
        }
    }

    /**
     * Records a send that Kafka did not acknowledge. A transient failure leaves the row for the next round; a refusal
     * for good delays it by {@code backoff} doubled per earlier attempt (at most {@code maxBackoff}), and once the row
     * has been tried {@code maxAttempts} times marks it {@code FAILED}. {@code error} must hold no payload values.
     * A {@code FAILED} row keeps what an operator needs (topic, type, key, attempts, error, times, its payload's size);
     * a secret payload (an email's, with its live link) is dropped then, since nothing will publish it again.
     *
     * @return whether the row is now {@code FAILED}
     */
    boolean recordFailure(
            UUID id, String error, boolean refusedForGood, int maxAttempts, Duration backoff, Duration maxBackoff) {
        return jdbc.sql("UPDATE outbox SET attempts = attempts + 1, last_error = :error,"
                        + " last_attempt_at = clock_timestamp(),"
                        + " status = CASE WHEN :refused AND attempts + 1 >= :max THEN 'FAILED' ELSE 'PENDING' END,"
                        + " failed_at = CASE WHEN :refused AND attempts + 1 >= :max THEN clock_timestamp() END,"
                        + " payload = CASE WHEN :refused AND attempts + 1 >= :max AND secret_payload THEN ''"
                        + "   ELSE payload END,"
                        + " payload_bytes = CASE WHEN :refused AND attempts + 1 >= :max"
                        + "   THEN octet_length(payload) END,"
                        + " next_attempt_at = CASE WHEN :refused AND attempts + 1 < :max THEN clock_timestamp()"
                        + "   + least(:backoffMs * power(2, attempts), :maxBackoffMs) * interval '1 millisecond' END"
                        + " WHERE id = :id RETURNING status")
                .param("error", error)
                .param("refused", refusedForGood)
                .param("max", maxAttempts)
                .param("backoffMs", backoff.toMillis())
                .param("maxBackoffMs", maxBackoff.toMillis())
                .param("id", id)
                .query(String.class)
                .optional()
                .map("FAILED"::equals)
                .orElse(false);
    }

    /** Counts by state and the oldest pending row's age, for metrics and health. */
    public Summary summary() {
        return jdbc.sql("SELECT count(*) FILTER (WHERE status = 'PENDING') AS pending,"
                        + " count(*) FILTER (WHERE status = 'FAILED') AS failed,"
                        + " min(created_at) FILTER (WHERE status = 'PENDING') AS oldest FROM outbox")
                .query((rs, row) -> {
                    OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
                    return new Summary(
                            rs.getLong("pending"), rs.getLong("failed"), oldest == null ? null : oldest.toInstant());
                })
                .single();
    }

    /** Pending rows with this record key (a user id): whether everything queued for them has been published. */
    public long pendingFor(String key) {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE record_key = ? AND status = 'PENDING'")
                .param(key)
                .query(Long.class)
                .single();
    }

    /** The most recent {@code FAILED} rows, newest first, without their payloads: what an operator looks at. */
    public List<FailedMessage> failed(int limit) {
        return jdbc.sql("SELECT id, topic, event_type, attempts, last_error, failed_at FROM outbox"
                        + " WHERE status = 'FAILED' ORDER BY failed_at DESC LIMIT ?")
                .param(limit)
                .query((rs, row) -> new FailedMessage(
                        rs.getObject("id", UUID.class),
                        rs.getString("topic"),
                        rs.getString("event_type"),
                        rs.getInt("attempts"),
                        rs.getString("last_error"),
                        rs.getObject("failed_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /** Deletes a {@code FAILED} row, payload and all, once an operator has dealt with it; false if there is none. */
    public boolean discardFailed(UUID id) {
        return jdbc.sql("DELETE FROM outbox WHERE id = ? AND status = 'FAILED'")
                        .param(id)
                        .update()
                == 1;
    }

    /** A row's state as the tests and an operator see it (never its payload). */
    public Optional<MessageState> state(UUID id) {
        return jdbc.sql("SELECT status, attempts, last_error FROM outbox WHERE id = ?")
                .param(id)
                .query((rs, row) ->
                        new MessageState(rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error")))
                .optional();
    }

    private PendingMessage pending(ResultSet rs, int row) throws SQLException {
        return new PendingMessage(
                rs.getObject("id", UUID.class),
                rs.getString("topic"),
                rs.getString("record_key"),
                rs.getString("event_type"),
                rs.getString("payload"),
                rs.getString("traceparent"),
                rs.getInt("attempts"),
                headers(rs.getString("headers")));
    }

    private String headersJson(Map<String, String> headers) {
        return json.writeValueAsString(headers);
    }

    private Map<String, String> headers(String stored) {
        if (stored == null || stored.isEmpty()) {
            return Map.of();
        }
        // jsonb keeps no key order; the order of Kafka headers carries no meaning either.
        return json.readValue(stored, HEADERS);
    }

    /** A locked pending row, to be sent. */
    record PendingMessage(
            UUID id,
            String topic,
            String key,
            String eventType,
            String payload,
            String traceparent,
            int attempts,
            Map<String, String> headers) {}

    /**
     * @param pending rows waiting for Kafka
     * @param failed rows Kafka refused for good
     * @param oldestPending creation time of the oldest pending row; null when there is none
     */
    public record Summary(long pending, long failed, Instant oldestPending) {}

    /** A row Kafka refused for good; {@code lastError} is the exception class and a message without payload values. */
    public record FailedMessage(
            UUID id, String topic, String eventType, int attempts, String lastError, Instant failedAt) {}

    /** {@code status} is {@code PENDING} or {@code FAILED}. */
    public record MessageState(String status, int attempts, String lastError) {}
}
