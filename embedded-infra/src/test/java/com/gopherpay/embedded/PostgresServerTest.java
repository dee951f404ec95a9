package com.gopherpay.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PostgresServerTest {

    @TempDir
    Path dataDirectory;

    @Test
    void startsARealServerThatKeepsItsDataAcrossRestarts() throws Exception {
        try (PostgresServer server = PostgresServer.start(dataDirectory, 0)) {
            server.createDatabaseIfMissing("kept");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl("kept"), server.username(), "")) {
                c.createStatement()
                        .execute("CREATE TABLE marker (value text); INSERT INTO marker VALUES ('still here')");
            }
        }
        try (PostgresServer again = PostgresServer.start(dataDirectory, 0);
                Connection c = DriverManager.getConnection(again.jdbcUrl("kept"), again.username(), "");
                ResultSet rows = c.createStatement().executeQuery("SELECT value, version() FROM marker")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("still here");
            assertThat(rows.getString(2)).startsWith("PostgreSQL 18");
        }
    }
}
