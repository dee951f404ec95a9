package com.gopherpay.notification.trigger;

import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Accepted triggers, one per (environment, transactionId). */
@Repository
class Triggers {

    private final JdbcClient jdbc;

    Triggers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the trigger unless its transactionId was seen before. Concurrent duplicates wait on the primary key,
     * so exactly one of them gets {@code true}.
     */
    boolean recordFirst(String environmentId, String transactionId, String workflowId, Instant now) {
        return jdbc.sql("""
                                INSERT INTO triggers (environment_id, transaction_id, workflow_id, created_at)
                                VALUES (:env, :txn, :workflow, :now)
                                ON CONFLICT DO NOTHING
                                """)
                        .param("env", environmentId)
                        .param("txn", transactionId)
                        .param("workflow", workflowId)
                        .param("now", Timestamp.from(now))
                        .update()
                == 1;
    }
}
