package com.gopherpay.embedded.testing;

import com.gopherpay.embedded.PostgresServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;

/**
 * Gives each test its own empty database on a real PostgreSQL server.
 *
 * <p>When {@code GOPHERPAY_TEST_DB_URL} is set (CI sets it to the machine's server, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), databases are created on that server and dropped when
 * the JVM exits. Otherwise one embedded PostgreSQL is started per JVM, so the tests also pass on a laptop with only a
 * JDK; it is stopped and its temporary data directory deleted when the JVM exits.
 */
public final class TestDatabases {

    /** Environment variable naming the PostgreSQL server that tests create their databases on. */
    public static final String SERVER_URL_VARIABLE = "GOPHERPAY_TEST_DB_URL";

    private static final Pattern JDBC_URL = Pattern.compile("(jdbc:postgresql://[^/?]+)(?:/([^?]*))?(?:\\?(.*))?");
    private static final CopyOnWriteArrayList<String> created = new CopyOnWriteArrayList<>();
    private static Server server;

    private TestDatabases() {}

    /** Creates a new, empty database whose name starts with {@code prefix}. */
    public static TestDatabase create(String prefix) {
        Server target = server();
        String name = ("gp_" + prefix + "_"
                        + UUID.randomUUID().toString().replace("-", "").substring(0, 12))
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9_]", "_");
        target.execute("CREATE DATABASE " + name);
        created.add(name);
        return new TestDatabase(target.urlFor(name), target.username(), target.password());
    }

    private static synchronized Server server() {
        if (server == null) {
            String url = System.getenv(SERVER_URL_VARIABLE);
            server = url == null || url.isBlank() ? embeddedServer() : externalServer(url.trim());
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::dropAll, "test-databases-cleanup"));
        }
        return server;
    }

    private static void dropAll() {
        for (String name : created) {
            try {
                server.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (RuntimeException e) {
                // Best effort at JVM exit: an undropped test database is harmless and named as such.
            }
        }
        server.close();
    }

    private static Server externalServer(String url) {
        Matcher matcher = JDBC_URL.matcher(url);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(SERVER_URL_VARIABLE + " is not a jdbc:postgresql:// URL: " + url);
        }
        Properties params = new Properties();
        String query = matcher.group(3);
        if (query != null) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
        String database = matcher.group(2) == null || matcher.group(2).isEmpty() ? "postgres" : matcher.group(2);
        String username = params.getProperty("user", "postgres");
        String password = params.getProperty("password", "");
        return new Server(matcher.group(1), database, username, password, null, null);
    }

    private static Server embeddedServer() {
        Path dataDirectory;
        try {
            dataDirectory = Files.createTempDirectory("gopherpay-test-pg");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a data directory for the embedded test PostgreSQL", e);
        }
        try {
            PostgresServer postgres = PostgresServer.start(dataDirectory, 0);
            return new Server(
                    "jdbc:postgresql://127.0.0.1:" + postgres.port(),
                    "postgres",
                    postgres.username(),
                    "",
                    postgres,
                    dataDirectory);
        } catch (RuntimeException e) {
            FileUtils.deleteQuietly(dataDirectory.toFile());
            throw e;
        }
    }

    private record Server(
            String hostPart,
            String adminDatabase,
            String username,
            String password,
            PostgresServer embedded,
            Path embeddedDataDirectory) {

        String urlFor(String database) {
            return hostPart + "/" + database;
        }

        void execute(String sql) {
            try (Connection connection = DriverManager.getConnection(urlFor(adminDatabase), username, password);
                    Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException("PostgreSQL at " + hostPart + " refused: " + sql, e);
            }
        }

        /** Stops the embedded server, then removes its throw-away data directory. */
        void close() {
            if (embedded != null) {
                embedded.close();
                FileUtils.deleteQuietly(embeddedDataDirectory.toFile());
            }
        }
    }
}
