package com.gopherpay.embedded.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;

class TestDatabasesTest {

    @Test
    void givesEachCallerItsOwnEmptyDatabase() throws Exception {
        TestDatabase first = TestDatabases.create("probe");
        TestDatabase second = TestDatabases.create("probe");

        assertThat(first.jdbcUrl()).isNotEqualTo(second.jdbcUrl());
        try (Connection c = DriverManager.getConnection(first.jdbcUrl(), first.username(), first.password())) {
            c.createStatement().execute("CREATE TABLE only_in_first (id int)");
        }
        try (Connection c = DriverManager.getConnection(second.jdbcUrl(), second.username(), second.password());
                ResultSet rows = c.createStatement()
                        .executeQuery(
                                "SELECT count(*) FROM information_schema.tables WHERE table_name = 'only_in_first'")) {
            rows.next();
            assertThat(rows.getInt(1)).isZero();
        }
    }
}
