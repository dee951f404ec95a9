package com.gopherpay.identity.ratelimit;

import com.gopherpay.identity.sql.Timestamps;
import java.time.Duration;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Token buckets in PostgreSQL, shared by every instance of the service. Taking a token is one upsert: the row lock
 * serialises concurrent takers of one bucket, and refill is computed from the time since the row was last touched,
 * so no state lives in the instance and nothing has to be evicted from memory.
 */
@Component
class BucketStore {

    /** Tokens after refill: what the bucket held, plus the elapsed seconds times the rate, at most full. */
    private static final String REFILLED = "LEAST(CAST(:capacity AS double precision), b.tokens"
            + " + GREATEST(0, EXTRACT(EPOCH FROM (CAST(:now AS timestamptz) - b.updated_at))::float8) * :rate)";

    private static final String TAKE = "INSERT INTO rate_limit_buckets AS b (bucket_key, tokens, granted, updated_at)"
            + " VALUES (:key, :capacity - 1, true, :now)"
            + " ON CONFLICT (bucket_key) DO UPDATE SET"
            + " tokens = " + REFILLED + " - CASE WHEN " + REFILLED + " >= 1 THEN 1 ELSE 0 END,"
            + " granted = " + REFILLED + " >= 1,"
            // A clock behind the last writer's does not move the bucket back in time.
            + " updated_at = GREATEST(b.updated_at, CAST(:now AS timestamptz))"
            + " RETURNING tokens, granted";

    private final JdbcClient jdbc;

    BucketStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes one token from the bucket {@code key} holding {@code capacity} tokens that refill evenly over {@code
     * period}; a bucket seen for the first time starts full.
     */
    Take take(String key, int capacity, Duration period, Instant now) {
        double perSecond = capacity / (period.toNanos() / 1e9);
        return jdbc.sql(TAKE)
                .param("key", key)
                .param("capacity", capacity)
                .param("rate", perSecond)
                .param("now", Timestamps.at(now))
                .query((rs, row) -> {
                    double tokens = rs.getDouble("tokens");
                    boolean granted = rs.getBoolean("granted");
                    // Less a hair, so that float error does not turn an exact 20 s into 21.
                    long retryAfter = granted ? 0 : (long) Math.ceil((1 - tokens) / perSecond - 1e-6);
                    return new Take(granted, Math.max(1, retryAfter));
                })
                .single();
    }

    /** Deletes buckets untouched since {@code cutoff}: they have refilled, so a fresh full bucket is the same. */
    int prune(Instant cutoff) {
        return jdbc.sql("DELETE FROM rate_limit_buckets WHERE updated_at < :cutoff")
                .param("cutoff", Timestamps.at(cutoff))
                .update();
    }

    /**
     * @param granted whether a token was taken
     * @param retryAfterSeconds when refused, the seconds until the next token
     */
    record Take(boolean granted, long retryAfterSeconds) {}
}
