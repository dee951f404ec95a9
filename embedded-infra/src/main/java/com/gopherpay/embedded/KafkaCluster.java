package com.gopherpay.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real three-node KRaft cluster in this JVM: each node is a combined broker and controller ({@link KafkaBroker}), the
 * three controllers form the quorum, and topics are replicated three times with {@code min.insync.replicas=2} by
 * default. A majority (two nodes) keeps the cluster writable; {@link #node(int)} stops and restarts single nodes. The
 * local stack's cluster mode runs the same layout ({@link KafkaClusterLayout}) with each node in a JVM of its own
 * ({@link KafkaNodeMain}), so that a node can be killed.
 */
public final class KafkaCluster implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaCluster.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final List<KafkaBroker> nodes;

    private KafkaCluster(List<KafkaBroker> nodes) {
        this.nodes = List.copyOf(nodes);
    }

    /**
     * Formats the nodes' directories ({@code <dataDirectory>/node-1…3}) when they are new and starts the nodes together.
     *
     * @param firstPort the first node's client port, or 0 for a free one (the other nodes always take free ports)
     * @return a cluster whose three brokers are registered and answer clients
     */
    public static KafkaCluster start(Path dataDirectory, int firstPort) {
        KafkaClusterLayout layout = KafkaClusterLayout.plan(dataDirectory, firstPort);
        int size = layout.nodes().size();
        List<KafkaBroker> nodes = layout.nodes().stream().map(layout::broker).toList();
        KafkaCluster cluster = new KafkaCluster(nodes);
        // No node is ready before a majority of the controllers runs, so they start at the same time.
        List<CompletableFuture<Void>> starts = nodes.stream()
                .map(node -> CompletableFuture.runAsync(node::restart, daemonThread()))
                .toList();
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
            cluster.awaitBrokers(size);
        } catch (RuntimeException e) {
            starts.forEach(start -> start.cancel(false));
            starts.forEach(start -> start.handle((ok, failure) -> null).join());
            cluster.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        log.info("Kafka cluster of {} nodes ready on {}", size, cluster.bootstrapServers());
        return cluster;
    }

    /** {@code host:port,…} of every node, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(KafkaBroker::bootstrapServers).collect(Collectors.joining(","));
    }

    /** The nodes, in node-id order (node 1 first). */
    public List<KafkaBroker> nodes() {
        return nodes;
    }

    /** The node with this id (1-based). */
    public KafkaBroker node(int nodeId) {
        return nodes.get(nodeId - 1);
    }

    /**
     * Stops every node at the same time: one after the other, the last nodes would wait for a controller quorum that is
     * already gone.
     */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = nodes.stream()
                .map(node -> CompletableFuture.runAsync(node::stop, daemonThread()))
                .toList();
        for (CompletableFuture<Void> stop : stops) {
            try {
                stop.join();
            } catch (CompletionException e) {
                log.warn("A Kafka node did not stop cleanly: {}", e.getCause().toString());
            }
        }
    }

    private void awaitBrokers(int expected) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000))) {
            long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
            while (true) {
                int registered = admin.describeCluster(new DescribeClusterOptions().timeoutMs(10_000))
                        .nodes()
                        .get(15, TimeUnit.SECONDS)
                        .size();
                if (registered >= expected) {
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException(
                            "Only " + registered + " of " + expected + " Kafka brokers registered");
                }
                // Poll interval while the brokers register with the controller quorum.
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the Kafka cluster", e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("The Kafka cluster did not become ready", e);
        }
    }

    private static java.util.concurrent.Executor daemonThread() {
        return task -> {
            Thread thread = new Thread(task, "kafka-cluster");
            thread.setDaemon(true);
            thread.start();
        };
    }
}
