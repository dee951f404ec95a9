package com.gopherpay.identity.outbox;

import com.gopherpay.identity.tracing.TraceContext;
import java.time.Clock;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.util.Assert;

/**
 * Stores records in the caller's transaction and hands them to the {@link AfterCommitPublisher} once that transaction
 * has committed, so a record exists in Kafka only if the business change it describes exists in the database.
 */
@Component
public class Outbox {

    private final OutboxMessages messages;
    private final AfterCommitPublisher afterCommit;
    private final Clock clock;

    Outbox(OutboxMessages messages, AfterCommitPublisher afterCommit, Clock clock) {
        this.messages = messages;
        this.afterCommit = afterCommit;
        this.clock = clock;
    }

    /**
     * Appends {@code record}, with the current {@link TraceContext} as its {@code traceparent}; must run inside a
     * transaction.
     */
    public void append(OutboxRecord record) {
        Assert.state(
                TransactionSynchronizationManager.isActualTransactionActive(),
                "Outbox records are written in the business transaction");
        messages.insert(record, TraceContext.current(), clock.instant());
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                afterCommit.publishSoon(record.eventId());
            }
        });
    }
}
