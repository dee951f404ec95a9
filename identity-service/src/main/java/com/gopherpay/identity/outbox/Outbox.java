package com.gopherpay.identity.outbox;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Stores messages in the caller's transaction and hands them to the relay once that transaction has committed, so a
 * message exists in Kafka only if the business change it describes exists in the database.
 */
@Component
public class Outbox {

    /** W3C trace context: version-traceid-parentid-flags. */
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");

    /** Trace context carried to work that continues a request on another thread; see {@link #withTraceparent}. */
    private static final ThreadLocal<String> CARRIED_TRACEPARENT = new ThreadLocal<>();

    private final JdbcClient jdbc;
    private final NotificationTopic topic;
    private final OutboxRelay relay;
    private final Clock clock;

    Outbox(JdbcClient jdbc, NotificationTopic topic, OutboxRelay relay, Clock clock) {
        this.jdbc = jdbc;
        this.topic = topic;
        this.relay = relay;
        this.clock = clock;
    }

    /** Appends {@code message}; must run inside a transaction. */
    public void append(OutboxMessage message) {
        Assert.state(
                TransactionSynchronizationManager.isActualTransactionActive(),
                "Outbox messages are written in the business transaction");
        jdbc.sql("INSERT INTO outbox (id, topic, record_key, event_type, payload, traceparent, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)")
                .params(
                        message.eventId(),
                        topic.name(),
                        message.key(),
                        message.eventType(),
                        message.payload(),
                        currentTraceparent(),
                        OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                .update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.publishSoon(message.eventId());
            }
        });
    }

    /**
     * Runs {@code work} (on a thread that is not the request's) so that messages it appends carry the request's {@code
     * traceparent}, taken from {@link #currentTraceparent()} on the request thread.
     */
    public static void withTraceparent(String traceparent, Runnable work) {
        CARRIED_TRACEPARENT.set(traceparent);
        try {
            work.run();
        } finally {
            CARRIED_TRACEPARENT.remove();
        }
    }

    /** The caller's W3C {@code traceparent}, when the current request carried a well-formed one. */
    public static String currentTraceparent() {
        String carried = CARRIED_TRACEPARENT.get();
        if (carried != null) {
            return carried;
        }
        RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
        if (attributes instanceof ServletRequestAttributes servlet) {
            String header = servlet.getRequest().getHeader("traceparent");
            if (header != null && TRACEPARENT.matcher(header).matches()) {
                return header;
            }
        }
        return null;
    }
}
