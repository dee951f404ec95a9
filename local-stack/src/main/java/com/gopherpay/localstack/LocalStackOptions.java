package com.gopherpay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the local stack keeps its data, which loopback ports it binds and which of its parts it starts.
 *
 * @param dataDirectory PostgreSQL data, Kafka logs, Connect offsets, the generated API key and the logs of each part
 * @param fresh delete the stack's own entries in {@code dataDirectory} before starting
 * @param deleteDataOnClose delete {@code dataDirectory} once the stack has stopped (throw-away directories)
 * @param databaseUrl an existing PostgreSQL ({@code jdbc:postgresql://…}) instead of the embedded one, or null
 * @param databaseUser user for {@code databaseUrl}
 * @param databasePassword password for {@code databaseUrl}
 * @param postgresPort embedded PostgreSQL port, 0 = any free port
 * @param identityPort identity-service HTTP port
 * @param notificationPort notification-service HTTP port (Novu's 3000 by default)
 * @param kafkaPort Kafka client port
 * @param connectPort Kafka Connect REST port
 * @param smtpPort dev SMTP server port
 * @param mailboxPort dev mailbox web page and API port
 * @param stackDirectory where the built parts are: {@code lib/}, {@code apps/}, {@code deploy/}
 * @param identityProperties extra Spring properties for identity-service (benchmarks raise its rate limits)
 * @param notificationProperties extra Spring properties for notification-service
 * @param identityOnly start only what identity-service needs — PostgreSQL (unless {@code databaseUrl} is given), Kafka
 *     and identity-service — without Kafka Connect, the dev mailbox and notification-service: its outbox publishes to
 *     Kafka and nothing consumes the topic (benchmarks of the service alone)
 * @param cluster the cluster topology ({@code --cluster}): three KRaft nodes (topics RF 3, {@code min.insync.replicas=2}),
 *     two Kafka Connect workers in distributed mode, two identity-service and two notification-service instances, each
 *     pair behind a round-robin balancer on the documented port; the single-broker stack when false
 * @param faultInjection {@code --fault-injection}: the dev mailbox also serves {@code /control/smtp}, through which a
 *     test takes the SMTP server down and brings it back on the same port (for the resilience tests; off by default)
 */
public record LocalStackOptions(
        Path dataDirectory,
        boolean fresh,
        boolean deleteDataOnClose,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int postgresPort,
        int identityPort,
        int notificationPort,
        int kafkaPort,
        int connectPort,
        int smtpPort,
        int mailboxPort,
        Path stackDirectory,
        Map<String, String> identityProperties,
        Map<String, String> notificationProperties,
        boolean identityOnly,
        boolean cluster,
        boolean faultInjection) {

    public LocalStackOptions {
        identityProperties = Map.copyOf(identityProperties);
        notificationProperties = Map.copyOf(notificationProperties);
    }

    /** The same options with extra properties for identity-service. */
    public LocalStackOptions withIdentityProperties(Map<String, String> properties) {
        Map<String, String> merged = new java.util.HashMap<>(identityProperties);
        merged.putAll(properties);
        return copy(merged, notificationProperties, identityOnly, cluster, faultInjection);
    }

    /** The same options with extra properties for notification-service. */
    public LocalStackOptions withNotificationProperties(Map<String, String> properties) {
        Map<String, String> merged = new java.util.HashMap<>(notificationProperties);
        merged.putAll(properties);
        return copy(identityProperties, merged, identityOnly, cluster, faultInjection);
    }

    /** The same options, starting only PostgreSQL, Kafka and identity-service (see {@code identityOnly}). */
    public LocalStackOptions withIdentityOnly() {
        return copy(identityProperties, notificationProperties, true, cluster, faultInjection);
    }

    /** The same options with the cluster topology (see {@code cluster}). */
    public LocalStackOptions withCluster() {
        return copy(identityProperties, notificationProperties, identityOnly, true, faultInjection);
    }

    /** The same options with the fault-injection controls on (see {@code faultInjection}). */
    public LocalStackOptions withFaultInjection() {
        return copy(identityProperties, notificationProperties, identityOnly, cluster, true);
    }

    /** These options with the components the withers change replaced. */
    private LocalStackOptions copy(
            Map<String, String> identityProperties,
            Map<String, String> notificationProperties,
            boolean identityOnly,
            boolean cluster,
            boolean faultInjection) {
        return new LocalStackOptions(
                dataDirectory,
                fresh,
                deleteDataOnClose,
                databaseUrl,
                databaseUser,
                databasePassword,
                postgresPort,
                identityPort,
                notificationPort,
                kafkaPort,
                connectPort,
                smtpPort,
                mailboxPort,
                stackDirectory,
                identityProperties,
                notificationProperties,
                identityOnly,
                cluster,
                faultInjection);
    }

    /** Settings read from the environment (see the module README), with the documented default ports. */
    public static LocalStackOptions fromEnvironment(Map<String, String> env, boolean fresh, Path stackDirectory) {
        return new LocalStackOptions(
                Path.of(env.getOrDefault("GOPHERPAY_DATA_DIR", ".local-stack")).toAbsolutePath(),
                fresh,
                false,
                blankToNull(env.get("DATABASE_URL")),
                env.getOrDefault("DATABASE_USER", "postgres"),
                env.getOrDefault("DATABASE_PASSWORD", ""),
                port(env, "POSTGRES_PORT", 0),
                port(env, "IDENTITY_PORT", 8080),
                port(env, "NOTIFICATION_PORT", 3000),
                port(env, "KAFKA_PORT", 9092),
                port(env, "CONNECT_PORT", 8083),
                port(env, "SMTP_PORT", 1025),
                port(env, "MAILBOX_PORT", 8025),
                stackDirectory,
                Map.of(),
                Map.of(),
                false,
                false,
                false);
    }

    /**
     * Free ports everywhere and a throw-away data directory, deleted when the stack is closed: for tests and benchmarks
     * that run beside anything.
     */
    public static LocalStackOptions forTests() {
        try {
            return new LocalStackOptions(
                    Files.createTempDirectory("gopherpay-stack"),
                    false,
                    true,
                    null,
                    "postgres",
                    "",
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    0,
                    StackLayout.defaultStackDirectory(),
                    Map.of(),
                    Map.of(),
                    false,
                    false,
                    false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int port(Map<String, String> env, String name, int defaultPort) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultPort;
        }
        try {
            int port = Integer.parseInt(value.trim());
            if (port < 0 || port > 65535) {
                throw new NumberFormatException();
            }
            return port;
        } catch (NumberFormatException e) {
            throw new StartupFailed(name + " must be a port number (0-65535), got '" + value + "'");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
