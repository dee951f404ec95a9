package com.gopherpay.localstack;

import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.KafkaBroker;
import com.gopherpay.embedded.PostgresServer;
import com.gopherpay.localstack.connect.ConnectWorker;
import com.gopherpay.localstack.mailbox.DevMailbox;
import com.gopherpay.localstack.process.JavaProcess;
import com.gopherpay.localstack.process.Readiness;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole registration flow on one machine: PostgreSQL, a KRaft Kafka broker, a Kafka Connect worker with the
 * novu-sink-connector plugin, an SMTP server with a dev mailbox, the notification service and the identity service —
 * started in that order, each checked ready before the next, and stopped in reverse.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration SERVICE_READY = Duration.ofSeconds(120);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final Map<String, Long> processIds = new LinkedHashMap<>();
    private Path dataDirectory;
    private String notificationApiKey;
    private URI identityUrl;
    private URI notificationUrl;
    private URI mailboxUrl;
    private URI connectUrl;
    private String kafkaBootstrapServers;
    private String smtpAddress;
    private String databaseDescription;

    private LocalStack() {}

    /** Starts every part; on any failure stops what already runs and throws {@link StartupFailed}. */
    public static LocalStack start(LocalStackOptions options) {
        LocalStack stack = new LocalStack();
        try {
            stack.startAll(options);
            return stack;
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    public URI identityUrl() {
        return identityUrl;
    }

    public URI notificationUrl() {
        return notificationUrl;
    }

    public URI mailboxUrl() {
        return mailboxUrl;
    }

    public URI connectUrl() {
        return connectUrl;
    }

    /** The data directory in use (holds the dev API key and every part's log). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** The dev API key for notification-service (what the connector sends), for tools that call it directly. */
    public String notificationApiKey() {
        return notificationApiKey;
    }

    /** Process ids of the stack's JVMs, the launcher included, for resource measurements. */
    public Map<String, Long> processIds() {
        Map<String, Long> ids = new LinkedHashMap<>();
        ids.put(
                "launcher (PostgreSQL client, Kafka, SMTP)",
                ProcessHandle.current().pid());
        ids.putAll(processIds);
        return ids;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Where to point a browser or a script, one line each. */
    public Map<String, String> summary() {
        Map<String, String> lines = new LinkedHashMap<>();
        lines.put("Register", identityUrl + "/");
        lines.put("Dev mailbox", mailboxUrl + "/");
        lines.put("Identity API docs", identityUrl + "/swagger-ui.html");
        lines.put("Notification API", notificationUrl + "/v1/events/trigger");
        lines.put("Kafka Connect", connectUrl + "/connectors");
        lines.put("Kafka", kafkaBootstrapServers);
        lines.put("SMTP", smtpAddress);
        lines.put("PostgreSQL", databaseDescription);
        return lines;
    }

    /** Stops every part in reverse order of start; safe to call more than once. */
    @Override
    public synchronized void close() {
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("A part of the stack did not stop cleanly: {}", e.getMessage());
            }
        }
    }

    private void startAll(LocalStackOptions options) {
        Ports ports = Ports.claim(options);
        Path data = prepareDataDirectory(options);
        dataDirectory = data;
        StackLayout layout = new StackLayout(options.stackDirectory());
        String apiKey = DevApiKey.loadOrCreate(data.resolve("notification-api-key"));
        notificationApiKey = apiKey;

        Database identityDb;
        Database notificationDb;
        if (options.databaseUrl() != null) {
            identityDb = new Database(options.databaseUrl(), options.databaseUser(), options.databasePassword());
            notificationDb = identityDb;
            databaseDescription = options.databaseUrl();
        } else {
            log.info("Starting PostgreSQL…");
            PostgresServer postgres = PostgresServer.start(data.resolve("postgres"), ports.postgres());
            running.push(postgres);
            postgres.pid().ifPresent(pid -> processIds.put("PostgreSQL", pid));
            postgres.createDatabaseIfMissing("identity");
            postgres.createDatabaseIfMissing("notification");
            identityDb = new Database(postgres.jdbcUrl("identity"), postgres.username(), "");
            notificationDb = new Database(postgres.jdbcUrl("notification"), postgres.username(), "");
            databaseDescription =
                    "127.0.0.1:" + postgres.port() + " (embedded, data in " + data.resolve("postgres") + ")";
        }

        log.info("Starting Kafka…");
        KafkaBroker kafka = KafkaBroker.start(data.resolve("kafka"), ports.kafka());
        running.push(kafka);
        kafkaBootstrapServers = kafka.bootstrapServers();

        notificationUrl = URI.create("http://127.0.0.1:" + ports.notification());
        identityUrl = URI.create("http://127.0.0.1:" + ports.identity());

        log.info("Starting Kafka Connect with the novu-sink-connector plugin…");
        ConnectWorker connect = ConnectWorker.start(new ConnectWorker.Settings(
                kafkaBootstrapServers,
                ports.connect(),
                data.resolve("connect"),
                layout.connectClasspath(),
                layout.connectorPluginArchive(),
                layout.connectorConfig(),
                notificationUrl,
                apiKey));
        running.push(connect);
        processIds.put("Kafka Connect", connect.pid());
        connectUrl = connect.restUrl();

        log.info("Starting the SMTP server and dev mailbox…");
        DevMailbox mailbox = DevMailbox.start(ports.smtp(), ports.mailbox());
        running.push(mailbox);
        mailboxUrl = URI.create("http://127.0.0.1:" + mailbox.httpPort());
        smtpAddress = "127.0.0.1:" + mailbox.smtpPort();

        log.info("Starting notification-service…");
        JavaProcess notification = JavaProcess.start(
                "notification-service",
                serviceJvmOptions("256m"),
                springArguments(
                        "-jar",
                        layout.notificationServiceJar().toString(),
                        "--server.address=127.0.0.1",
                        "--server.port=" + ports.notification(),
                        "--spring.datasource.url=" + notificationDb.url(),
                        "--spring.datasource.username=" + notificationDb.user(),
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + mailbox.smtpPort(),
                        "--notification.api-keys[0].environment-id=local",
                        "--notification.api-keys[0].key-sha256=" + DevApiKey.sha256Hex(apiKey),
                        options.notificationProperties()),
                Map.of("SPRING_DATASOURCE_PASSWORD", notificationDb.password()),
                data.resolve("logs/notification-service.log"));
        running.push(notification);
        processIds.put("notification-service", notification.pid());
        Readiness.awaitHttp(
                "notification-service",
                notificationUrl.resolve("/actuator/health"),
                Readiness::healthUp,
                notification,
                SERVICE_READY);

        log.info("Starting identity-service…");
        JavaProcess identity = JavaProcess.start(
                "identity-service",
                serviceJvmOptions("384m"),
                springArguments(
                        "-jar",
                        layout.identityServiceJar().toString(),
                        "--server.address=127.0.0.1",
                        "--server.port=" + ports.identity(),
                        "--spring.datasource.url=" + identityDb.url(),
                        "--spring.datasource.username=" + identityDb.user(),
                        "--identity.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                        "--identity.public-base-url=" + identityUrl,
                        options.identityProperties()),
                Map.of("SPRING_DATASOURCE_PASSWORD", identityDb.password()),
                data.resolve("logs/identity-service.log"));
        running.push(identity);
        processIds.put("identity-service", identity.pid());
        Readiness.awaitHttp(
                "identity-service",
                identityUrl.resolve("/actuator/health"),
                Readiness::healthUp,
                identity,
                SERVICE_READY);
    }

    /** The fixed arguments, then each extra property as {@code --key=value}. */
    private static List<String> springArguments(Object... parts) {
        List<String> arguments = new java.util.ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Map<?, ?> properties) {
                properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
            } else {
                arguments.add(part.toString());
            }
        }
        return arguments;
    }

    private static List<String> serviceJvmOptions(String maxHeap) {
        return List.of("-Xms64m", "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    }

    private static Path prepareDataDirectory(LocalStackOptions options) {
        Path data = options.dataDirectory();
        try {
            if (options.fresh() && Files.exists(data)) {
                try (Stream<Path> paths = Files.walk(data)) {
                    paths.sorted(Comparator.reverseOrder())
                            .forEach(path -> path.toFile().delete());
                }
            }
            Files.createDirectories(data.resolve("logs"));
            return data;
        } catch (IOException e) {
            throw new StartupFailed("Cannot use data directory " + data + ": " + e.getMessage(), e);
        }
    }

    private record Database(String url, String user, String password) {}

    /** The loopback ports of every part, checked free before anything starts. */
    private record Ports(int postgres, int identity, int notification, int kafka, int connect, int smtp, int mailbox) {

        static Ports claim(LocalStackOptions o) {
            return new Ports(
                    claim("PostgreSQL", "POSTGRES_PORT", o.postgresPort()),
                    claim("identity-service", "IDENTITY_PORT", o.identityPort()),
                    claim("notification-service", "NOTIFICATION_PORT", o.notificationPort()),
                    claim("Kafka", "KAFKA_PORT", o.kafkaPort()),
                    claim("Kafka Connect", "CONNECT_PORT", o.connectPort()),
                    claim("SMTP", "SMTP_PORT", o.smtpPort()),
                    claim("dev mailbox", "MAILBOX_PORT", o.mailboxPort()));
        }

        private static int claim(String part, String variable, int port) {
            if (port == 0) {
                return FreePorts.next();
            }
            if (FreePorts.inUse(port)) {
                throw new StartupFailed(
                        "Port " + port + " (" + part + ") is already in use; set " + variable + " to a free port");
            }
            return port;
        }
    }
}
