package com.gopherpay.identity.notification;

import static com.gopherpay.identity.sql.Timestamps.at;

import com.gopherpay.identity.crypto.Sha256;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The per-recipient send budget ({@link SendBudgetProperties}). A take runs in the transaction that queues the
 * email, under a transaction-scoped advisory lock of the address, so concurrent requests on any instances cannot
 * together exceed it, and a rolled-back email gives its share back.
 */
@Component
public class SendBudget {

    private final JdbcClient jdbc;
    private final SendBudgetProperties properties;
    private final Clock clock;
    private final MeterRegistry meters;

    SendBudget(JdbcClient jdbc, SendBudgetProperties properties, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
        this.meters = meters;
    }

    /**
     * Whether one more email to {@code canonicalEmail} fits the budget. Takes the address's lock for the rest of the
     * transaction, so the answer holds until the email is {@linkplain #take taken} in the same transaction.
     */
    boolean allows(String canonicalEmail) {
        if (!properties.enabled()) {
            return true;
        }
        Instant now = now();
        byte[] address = Sha256.of(canonicalEmail);
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(encode(?, 'hex'), 7))")
                .param(address)
                .query((rs, row) -> null)
                .list();
        return jdbc.sql("SELECT count(*) FILTER (WHERE sent_at > ?) < ? AND count(*) < ?"
                        + " FROM email_sends WHERE address_hash = ? AND sent_at > ?")
                .params(
                        at(now.minus(properties.shortWindow())),
                        properties.shortLimit(),
                        properties.longLimit(),
                        address,
                        at(now.minus(properties.longWindow())))
                .query(Boolean.class)
                .single();
    }

    /**
     * Counts one email of {@code workflow} to {@code canonicalEmail} if the budget allows it, or always when {@code
     * mandatory} (security notices the owner must get); false when over budget.
     */
    boolean take(String canonicalEmail, String workflow, boolean mandatory) {
        if (!mandatory && !allows(canonicalEmail)) {
            meters.counter("identity.email.suppressed", "reason", "budget", "workflow", workflow)
                    .increment();
            return false;
        }
        jdbc.sql("INSERT INTO email_sends (address_hash, sent_at, workflow) VALUES (?, ?, ?)")
                .params(Sha256.of(canonicalEmail), at(now()), workflow)
                .update();
        return true;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** Deletes sends older than the longest window: they no longer count. Returns how many. */
    public int prune() {
        return jdbc.sql("DELETE FROM email_sends WHERE sent_at < ?")
                .param(at(clock.instant().minus(properties.longWindow())))
                .update();
    }
}
