package com.gopherpay.identity.audit;

import static com.gopherpay.identity.sql.Timestamps.at;

import com.gopherpay.identity.crypto.Sha256;
import com.gopherpay.identity.sql.Timestamps;
import com.gopherpay.identity.tracing.RequestOrigin;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Appends to the audit trail. A row written inside a business transaction commits or rolls back with it (an action
 * that did not happen leaves no row); outside one it is written at once. The client address and user agent come from
 * the {@link RequestOrigin} of the calling thread.
 */
@Component
public class AuditTrail {

    private static final Logger log = LoggerFactory.getLogger(AuditTrail.class);

    private final JdbcClient jdbc;
    private final AuditProperties properties;
    private final Clock clock;
    private final SecretKeySpec emailKey;

    AuditTrail(JdbcClient jdbc, AuditProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        String key = properties.emailHashKey();
        this.emailKey = key == null || key.isBlank()
                ? null
                : new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        if (emailKey == null) {
            log.warn("identity.audit.email-hash-key is not set: audit rows identify addresses by a plain SHA-256");
        }
    }

    /**
     * Appends one row.
     *
     * @param userId the account, or null when none is known (an unknown address)
     * @param canonicalEmail the canonical address involved, or null; stored only as its hash
     * @param eventId the event this action caused, or null
     */
    public void record(AuditAction action, String outcome, UUID userId, String canonicalEmail, UUID eventId) {
        RequestOrigin origin = RequestOrigin.current();
        jdbc.sql("INSERT INTO audit_events (occurred_at, action, outcome, user_id, email_hash, client_ip, user_agent,"
                        + " event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(
                        at(now()),
                        action.code(),
                        outcome,
                        userId,
                        canonicalEmail == null ? null : emailHash(canonicalEmail),
                        origin == null ? null : origin.clientAddress(),
                        origin == null ? null : origin.userAgent(),
                        eventId)
                .update();
    }

    /** {@link #record} without an event. */
    public void record(AuditAction action, String outcome, UUID userId, String canonicalEmail) {
        record(action, outcome, userId, canonicalEmail, null);
    }

    /** The account's rows, newest first, at most {@code limit}, older than {@code before} when it is set. */
    public List<AuditEvent> forUser(UUID userId, Instant before, int limit) {
        return jdbc.sql("SELECT occurred_at, action, outcome, user_id, email_hash, client_ip, user_agent, event_id"
                        + " FROM audit_events WHERE user_id = ? AND occurred_at < ? ORDER BY occurred_at DESC, id DESC"
                        + " LIMIT ?")
                .params(userId, at(before == null ? Instant.parse("9999-12-31T00:00:00Z") : before), limit)
                .query((rs, row) -> new AuditEvent(
                        Timestamps.instant(rs, "occurred_at"),
                        rs.getString("action"),
                        rs.getString("outcome"),
                        rs.getObject("user_id", UUID.class),
                        hex(rs.getBytes("email_hash")),
                        rs.getString("client_ip"),
                        rs.getString("user_agent"),
                        rs.getObject("event_id", UUID.class)))
                .list();
    }

    /** Deletes rows older than the retention; returns how many. */
    public int prune() {
        return jdbc.sql("DELETE FROM audit_events WHERE occurred_at < ?")
                .param(at(now().minus(properties.retention())))
                .update();
    }

    /** The hash that stands for {@code canonicalEmail} in audit rows, as stored. */
    public byte[] emailHash(String canonicalEmail) {
        byte[] bytes = canonicalEmail.getBytes(StandardCharsets.UTF_8);
        try {
            if (emailKey == null) {
                return Sha256.of(bytes);
            }
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(emailKey);
            return mac.doFinal(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java platform has SHA-256 and HMAC-SHA-256", e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }
}
