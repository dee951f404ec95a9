package com.gopherpay.notification.trigger;

import com.gopherpay.notification.shared.SqlTimestamps;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accepted triggers, one per (environment, transactionId). */
@Repository
class AcceptedTriggers {

    /** A trigger to record: its transactionId and workflow. */
    record NewTrigger(String transactionId, String workflowId) {}

    private final JdbcClient jdbc;

    AcceptedTriggers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the triggers whose transactionId was not seen before, in one statement, and returns those
     * transactionIds. A transactionId given twice is recorded once. Concurrent duplicates wait on the primary key, so
     * exactly one transaction records each; rows go in in transactionId order, so two transactions recording
     * overlapping sets cannot deadlock.
     */
    Set<String> recordFirst(String environmentId, List<NewTrigger> triggers, Instant now) {
        if (triggers.isEmpty()) {
            return Set.of();
        }
        List<NewTrigger> ordered = triggers.stream()
                .sorted(Comparator.comparing(NewTrigger::transactionId))
                .toList();
        return new HashSet<>(jdbc.sql("""
                        INSERT INTO triggers (environment_id, transaction_id, workflow_id, created_at)
                        SELECT :env, t.transaction_id, t.workflow_id, :now
                        FROM unnest(CAST(:txns AS TEXT[]), CAST(:workflows AS TEXT[]))
                            WITH ORDINALITY AS t(transaction_id, workflow_id, position)
                        ORDER BY t.position
                        ON CONFLICT DO NOTHING
                        RETURNING transaction_id
                        """)
                .param("env", environmentId)
                .param("txns", ordered.stream().map(NewTrigger::transactionId).toArray(String[]::new))
                .param("workflows", ordered.stream().map(NewTrigger::workflowId).toArray(String[]::new))
                .param("now", SqlTimestamps.of(now))
                .query(String.class)
                .list());
    }
}
