package com.gopherpay.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started from the binaries that zonky publishes on Maven Central.
 *
 * <p>PostgreSQL refuses to run as root. zonky's start scripts run {@code initdb} and {@code postgres} in a user
 * namespace ({@code unshare -U}) when the kernel allows it; where it does not, {@link RootPreflight} stops with a
 * one-line reason. The data directory is kept, so a second start reuses it.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String SUPERUSER = "postgres";
    /** How long close() waits for the postmaster to exit after the fast-shutdown request. */
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private PostgresServer(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL on 127.0.0.1, initialising {@code dataDirectory} when it holds no cluster yet.
     *
     * @param port the port, or 0 for a free one
     */
    public static PostgresServer start(Path dataDirectory, int port) {
        return start(dataDirectory, port, Map.of());
    }

    /**
     * Starts PostgreSQL as {@link #start(Path, int)} does, with extra {@code postgresql.conf} settings that override
     * the defaults.
     */
    public static PostgresServer start(Path dataDirectory, int port, Map<String, String> serverSettings) {
        int resolvedPort = FreePorts.resolve(port);
        if (port != 0 && FreePorts.inUse(resolvedPort)) {
            throw new IllegalStateException("PostgreSQL port " + resolvedPort + " is already in use");
        }
        RootPreflight.check();
        try {
            Files.createDirectories(dataDirectory);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory.toAbsolutePath())
                    .setCleanDataDirectory(false)
                    .setPort(resolvedPort)
                    .setRegisterShutdownHook(false)
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("fsync", "on");
            serverSettings.forEach(builder::setServerConfig);
            EmbeddedPostgres postgres = builder.start();
            log.info("PostgreSQL ready on 127.0.0.1:{} (data in {})", postgres.getPort(), dataDirectory);
            return new PostgresServer(postgres, dataDirectory.toAbsolutePath());
        } catch (IOException e) {
            throw new IllegalStateException("Embedded PostgreSQL did not start: " + rootCause(e), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** The postmaster's process id, read from its pid file, for resource measurements. */
    public java.util.OptionalLong pid() {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            String first = Files.readAllLines(pidFile).get(0).strip();
            return java.util.OptionalLong.of(Long.parseLong(first));
        } catch (IOException | RuntimeException e) {
            return java.util.OptionalLong.empty();
        }
    }

    /** The superuser name; the embedded server trusts loopback connections, so there is no password. */
    public String username() {
        return SUPERUSER;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Creates the database unless it exists; the name must be a plain lower-case identifier. */
    public void createDatabaseIfMissing(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), SUPERUSER, "");
                PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (rows.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + name);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create database " + name, e);
        }
    }

    /**
     * Asks PostgreSQL for a fast shutdown and waits until the postmaster has exited, at most {@link #STOP_TIMEOUT}.
     *
     * <p>zonky's own stop ({@code pg_ctl stop -m fast -t 5}) gives up after a fixed 5 s and logs a stack trace, while
     * the server goes on shutting down. On a loaded two-core machine a shutdown checkpoint can take longer than that,
     * so the launcher printed a stack trace on Ctrl-C and exited with PostgreSQL still running. The verdict is
     * therefore ours: we wait for the process itself.
     */
    @Override
    public void close() {
        Optional<ProcessHandle> postmaster = pid().stream().boxed().findFirst().flatMap(ProcessHandle::of);
        try {
            postgres.close();
        } catch (IOException e) {
            log.warn("PostgreSQL on port {} did not stop cleanly: {}", port(), e.getMessage());
        }
        postmaster.ifPresent(this::awaitExit);
    }

    private void awaitExit(ProcessHandle postmaster) {
        try {
            postmaster.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            log.warn(
                    "PostgreSQL on port {} (pid {}) was still shutting down after {} s",
                    port(),
                    postmaster.pid(),
                    STOP_TIMEOUT.toSeconds());
        } catch (ExecutionException e) {
            log.warn("Could not wait for PostgreSQL on port {} to stop: {}", port(), e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static String rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
