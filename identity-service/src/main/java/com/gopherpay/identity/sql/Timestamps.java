package com.gopherpay.identity.sql;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The one conversion between {@link Instant} and PostgreSQL's {@code timestamptz}: the JDBC driver takes and gives
 * {@link OffsetDateTime} (it has no mapping for {@code Instant}), always in UTC here.
 */
public final class Timestamps {

    private Timestamps() {}

    /** The parameter for a {@code timestamptz} column; {@code null} stays {@code null}. */
    public static OffsetDateTime at(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    /** The instant in {@code column} of the current row, or {@code null} for SQL NULL. */
    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /** As {@link #instant(ResultSet, String)}, by column index (1 for the first). */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
