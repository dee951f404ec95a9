package com.gopherpay.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real, single-node Kafka broker (KRaft, combined broker and controller) running in this JVM.
 *
 * <p>It is Kafka's own {@link KafkaRaftServer}, formatted and started the way {@code kafka-storage.sh format} and
 * {@code kafka-server-start.sh} do it, so clients talk the real protocol to a real log. The data directory and ports
 * survive {@link #stop()}/{@link #restart()}, which lets tests take the broker away and bring it back.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final int NODE_ID = 1;

    private final Path logDirectory;
    private final int port;
    private final int controllerPort;
    private final int nodeId;
    /** {@code controller.quorum.voters}; null for a single node (its own controller). */
    private final String quorumVoters;
    /** Every node of a cluster is formatted with the same id; null: a random one. */
    private final String clusterId;
    /** Replication factor of internal and new topics (1 for a single node). */
    private final int replication;

    private KafkaRaftServer server;

    private KafkaBroker(Path logDirectory, int port, int controllerPort) {
        this(logDirectory, port, controllerPort, NODE_ID, null, null, 1);
    }

    private KafkaBroker(
            Path logDirectory,
            int port,
            int controllerPort,
            int nodeId,
            String quorumVoters,
            String clusterId,
            int replication) {
        this.logDirectory = logDirectory;
        this.port = port;
        this.controllerPort = controllerPort;
        this.nodeId = nodeId;
        this.quorumVoters = quorumVoters;
        this.clusterId = clusterId;
        this.replication = replication;
    }

    /**
     * A node of a multi-node KRaft cluster (combined broker and controller), not started yet: {@link KafkaCluster}
     * starts the nodes together, since none is ready before a majority of controllers runs.
     */
    static KafkaBroker clusterNode(
            Path logDirectory, int port, int controllerPort, int nodeId, String quorumVoters, String clusterId) {
        return new KafkaBroker(logDirectory.toAbsolutePath(), port, controllerPort, nodeId, quorumVoters, clusterId, 3);
    }

    /** The node id ({@code node.id}). */
    public int nodeId() {
        return nodeId;
    }

    /**
     * Formats {@code logDirectory} when it is new and starts a broker listening on 127.0.0.1.
     *
     * @param port the client port, or 0 for a free one
     * @return a broker that has answered a cluster description, i.e. is ready for clients
     */
    public static KafkaBroker start(Path logDirectory, int port) {
        int clientPort = FreePorts.resolve(port);
        if (port != 0 && FreePorts.inUse(clientPort)) {
            throw new IllegalStateException("Kafka port " + clientPort + " is already in use");
        }
        KafkaBroker broker = new KafkaBroker(logDirectory.toAbsolutePath(), clientPort, FreePorts.next());
        broker.restart();
        return broker;
    }

    /** {@code host:port} for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public Path logDirectory() {
        return logDirectory;
    }

    /** Whether the broker is currently running. */
    public synchronized boolean isRunning() {
        return server != null;
    }

    /** Starts the broker again on the same ports and data; a no-op while it runs. */
    public synchronized void restart() {
        if (server != null) {
            return;
        }
        format();
        KafkaRaftServer raftServer = new KafkaRaftServer(KafkaConfig.fromProps(brokerProperties(), false), Time.SYSTEM);
        try {
            raftServer.startup();
            awaitReady();
        } catch (RuntimeException e) {
            // A half-started server keeps its controller port and non-daemon threads, which would keep the JVM alive
            // after the caller has given up: take it down before reporting the failure.
            shutDown(raftServer, e);
            throw e;
        }
        server = raftServer;
        log.info("Kafka broker ready on {} (data in {})", bootstrapServers(), logDirectory);
    }

    /** Stops the broker, keeping its data and ports so that {@link #restart()} brings the same broker back. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
        log.info("Kafka broker on {} stopped", bootstrapServers());
    }

    private static void shutDown(KafkaRaftServer raftServer, RuntimeException failure) {
        try {
            raftServer.shutdown();
            raftServer.awaitShutdown();
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** The KRaft controller's port (internal; only the broker itself talks to it). */
    int controllerPort() {
        return controllerPort;
    }

    /** Stops the broker; the data directory is left in place (callers own it). */
    @Override
    public void close() {
        stop();
    }

    private void format() {
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return; // formatted by an earlier start: keep its cluster id and data
        }
        try {
            Files.createDirectories(logDirectory);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(
                            clusterId != null ? clusterId : Uuid.randomUuid().toString())
                    .setDirectories(List.of(logDirectory.toString()))
                    .setMetadataLogDirectory(logDirectory.toString())
                    .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true)
                    .run();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create Kafka data directory " + logDirectory, e);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + logDirectory, e);
        }
    }

    private Properties brokerProperties() {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", String.valueOf(nodeId));
        props.put(
                "controller.quorum.voters",
                quorumVoters != null ? quorumVoters : nodeId + "@127.0.0.1:" + controllerPort);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDirectory.toString());
        // A single node cannot replicate: internal topics must accept replication factor 1. A cluster node replicates
        // everything three times, and a write needs two copies (min.insync.replicas=2) before acks=all answers.
        String factor = String.valueOf(replication);
        String minInsync = replication >= 3 ? "2" : "1";
        props.put("offsets.topic.replication.factor", factor);
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", factor);
        props.put("transaction.state.log.min.isr", minInsync);
        props.put("share.coordinator.state.topic.replication.factor", factor);
        props.put("share.coordinator.state.topic.min.isr", minInsync);
        props.put("default.replication.factor", factor);
        props.put("min.insync.replicas", minInsync);
        // Consumers join at once instead of waiting for more members that will never come.
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("num.partitions", "1");
        props.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
        // The log cleaner (compacted topics: consumer offsets, Connect's configs/offsets/status) allocates its dedupe
        // buffer on the heap at start-up, 128 MiB by default: that alone took a cluster node JVM with -Xmx256m out of
        // memory. 8 MiB holds the latest offset of some 350,000 keys, far more than a local or test broker has.
        props.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
        return props;
    }

    private void awaitReady() {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                (int) READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) READY_TIMEOUT.toMillis()))
                    .nodes()
                    .get(READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka broker", e);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka broker on " + bootstrapServers() + " did not become ready", e);
        }
    }
}
