package com.gopherpay.notification.shared;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The one conversion between {@link Instant}s and PostgreSQL's {@code timestamptz} columns: the JDBC driver takes
 * and gives {@link Timestamp}s, the code works in {@code Instant}s.
 */
public final class SqlTimestamps {

    private SqlTimestamps() {}

    /** A statement parameter for {@code instant} ({@code null} stays {@code null}). */
    public static Timestamp of(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    /** The instant in {@code column}, or {@code null} if it is SQL NULL. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
