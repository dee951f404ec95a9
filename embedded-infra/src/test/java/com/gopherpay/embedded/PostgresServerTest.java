package com.gopherpay.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
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

    @Test
    void closeReturnsOnlyOnceThePostmasterHasExitedEvenWhenShutdownOutlastsPgCtlsFiveSeconds() throws Exception {
        // With archiving on, a shutdown switches to a new WAL segment and waits for the archiver to archive the last
        // one: an archive command that takes 6 s makes the shutdown outlast zonky's fixed `pg_ctl stop -t 5`.
        PostgresServer server = PostgresServer.start(
                dataDirectory, 0, Map.of("wal_level", "replica", "archive_mode", "on", "archive_command", "'sleep 6'"));
        ProcessHandle postmaster = ProcessHandle.of(server.pid().orElseThrow()).orElseThrow();
        try (Connection c = DriverManager.getConnection(server.jdbcUrl("postgres"), server.username(), "")) {
            c.createStatement().execute("CREATE TABLE wal_to_archive AS SELECT generate_series(1, 1000) AS n");
        }

        server.close();

        assertThat(postmaster.isAlive()).as("the postmaster after close()").isFalse();
    }
}
