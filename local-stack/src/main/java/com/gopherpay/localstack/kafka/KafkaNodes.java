package com.gopherpay.localstack.kafka;

import com.gopherpay.embedded.KafkaClusterLayout;
import com.gopherpay.embedded.KafkaNodeMain;
import com.gopherpay.localstack.StartupFailed;
import com.gopherpay.localstack.process.JavaProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster topology's Kafka: three KRaft nodes (combined broker and controller, {@link KafkaNodeMain}), each in a
 * JVM of its own, so that a node can crash (SIGKILL) and come back (the same command line) like a real server. They
 * are launched together (none is ready before a majority of the controllers runs) and are ready once every broker is
 * registered with the quorum and answers clients. Each node logs to {@code <logs>/kafka-node-N.log}; its data is in
 * {@code <data>/node-N}.
 */
public final class KafkaNodes implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaNodes.class);
    private static final Duration POLL = Duration.ofMillis(250);

    private final KafkaClusterLayout layout;
    private final List<JavaProcess> processes;

    private KafkaNodes(KafkaClusterLayout layout, List<JavaProcess> processes) {
        this.layout = layout;
        this.processes = List.copyOf(processes);
    }

    /**
     * @param dataDirectory the nodes' directories and the cluster id ({@code kafka-cluster/} of the data directory)
     * @param firstPort node 1's client port (the others take free ports)
     * @param classpath the node JVMs' classpath (the Kafka server libraries and embedded-infra)
     * @param logDirectory where {@code kafka-node-N.log} go
     */
    public record Settings(Path dataDirectory, int firstPort, String classpath, Path logDirectory) {}

    /**
     * Launches the three node JVMs and returns at once, so that the caller owns (and can stop) them before waiting with
     * {@link #awaitReady}.
     */
    public static KafkaNodes launch(Settings settings) {
        KafkaClusterLayout layout = KafkaClusterLayout.plan(settings.dataDirectory(), settings.firstPort());
        Path logback =
                copyResource("/kafka-node-logback.xml", settings.dataDirectory().resolve("logback.xml"));
        List<JavaProcess> launched = new ArrayList<>();
        try {
            for (KafkaClusterLayout.Node node : layout.nodes()) {
                List<String> arguments = new ArrayList<>();
                arguments.add(KafkaNodeMain.class.getName());
                arguments.addAll(KafkaNodeMain.arguments(layout, node));
                launched.add(JavaProcess.start(
                        "Kafka node " + node.id(),
                        List.of(
                                "-Xms64m",
                                "-Xmx320m",
                                "-XX:+UseSerialGC",
                                "-XX:+ExitOnOutOfMemoryError",
                                "-Dlogback.configurationFile=" + logback,
                                "-cp",
                                settings.classpath()),
                        arguments,
                        Map.of(),
                        settings.logDirectory().resolve("kafka-node-" + node.id() + ".log")));
            }
        } catch (RuntimeException e) {
            new KafkaNodes(layout, launched).close();
            throw e;
        }
        return new KafkaNodes(layout, launched);
    }

    /** {@code host:port,…} of every node, node 1 first. */
    public String bootstrapServers() {
        return layout.bootstrapServers();
    }

    /** Each node's process id, by name ("Kafka node 1"…). */
    public Map<String, Long> processIds() {
        Map<String, Long> ids = new LinkedHashMap<>();
        processes.forEach(process -> ids.put(process.name(), process.pid()));
        return ids;
    }

    /**
     * Waits until every node's broker is registered (a cluster description lists all three), failing at once with the
     * one-line reason when a node's JVM exits meanwhile.
     */
    public void awaitReady(Duration timeout) {
        Set<Integer> expected = new TreeSet<>();
        layout.nodes().forEach(node -> expected.add(node.id()));
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<Integer> registered = Set.of();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000))) {
            while (System.nanoTime() - deadline < 0) {
                processes.forEach(JavaProcess::requireAlive);
                registered = registered(admin);
                if (registered.containsAll(expected)) {
                    log.info("Kafka cluster of {} nodes ready on {}", expected.size(), bootstrapServers());
                    return;
                }
                // Poll interval while the nodes' JVMs start and the brokers register with the controller quorum.
                Thread.sleep(POLL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailed("Interrupted while waiting for the Kafka nodes");
        }
        throw new StartupFailed("Kafka brokers " + registered + " of " + expected + " registered after "
                + timeout.toSeconds() + " s (see " + processes.get(0).logFile().getParent() + "/kafka-node-N.log)");
    }

    /** The ids of the brokers a cluster description lists now; none while no node answers yet. */
    private static Set<Integer> registered(Admin admin) throws InterruptedException {
        try {
            Set<Integer> ids = new TreeSet<>();
            for (Node node : admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
                    .nodes()
                    .get(10, TimeUnit.SECONDS)) {
                ids.add(node.id());
            }
            return ids;
        } catch (ExecutionException | TimeoutException e) {
            return Set.of();
        }
    }

    /**
     * Stops every node at the same time (SIGTERM, then each JVM's grace): one after the other, the last nodes would
     * wait for a controller quorum that is already gone.
     */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = processes.stream()
                .map(process -> CompletableFuture.runAsync(process::close, task -> {
                    Thread thread = new Thread(task, "kafka-node-stop");
                    thread.setDaemon(true);
                    thread.start();
                }))
                .toList();
        stops.forEach(CompletableFuture::join);
    }

    private static Path copyResource(String resource, Path target) {
        try (InputStream in = KafkaNodes.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new StartupFailed("Missing resource " + resource);
            }
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new StartupFailed("Cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
