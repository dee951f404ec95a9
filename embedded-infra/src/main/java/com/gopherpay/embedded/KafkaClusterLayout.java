package com.gopherpay.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * Where the nodes of a three-node KRaft cluster live and listen: one cluster id (kept in {@code cluster.id} beside the
 * nodes' directories, so that a restarted cluster formats nothing anew), and per node its id, data directory
 * ({@code node-1…3}), client port and controller port. {@link KafkaCluster} runs such a cluster in this JVM;
 * {@link KafkaNodeMain} runs one node of it in a JVM of its own.
 *
 * @param clusterId the id every node is formatted with
 * @param nodes the nodes, node 1 first
 */
public record KafkaClusterLayout(String clusterId, List<Node> nodes) {

    /** Nodes of the cluster; a majority of them (two) keeps it writable. */
    public static final int SIZE = 3;

    private static final String CLUSTER_ID_FILE = "cluster.id";

    public KafkaClusterLayout {
        nodes = List.copyOf(nodes);
    }

    /**
     * One node: a combined broker and controller.
     *
     * @param id {@code node.id}, 1-based
     * @param logDirectory its {@code log.dirs} (absolute)
     * @param port the client (PLAINTEXT) port on 127.0.0.1
     * @param controllerPort the KRaft controller port on 127.0.0.1
     */
    public record Node(int id, Path logDirectory, int port, int controllerPort) {

        /** {@code 127.0.0.1:port}, as clients address it. */
        public String address() {
            return "127.0.0.1:" + port;
        }
    }

    /**
     * Picks the ports (the first node's may be given, the others are free ones) and reads or creates the cluster id.
     *
     * @param firstPort the first node's client port, or 0 for a free one
     * @throws IllegalStateException when {@code firstPort} is already in use
     */
    public static KafkaClusterLayout plan(Path dataDirectory, int firstPort) {
        Path directory = dataDirectory.toAbsolutePath();
        String clusterId = clusterId(directory);
        List<Node> nodes = new ArrayList<>();
        for (int id = 1; id <= SIZE; id++) {
            int port = id == 1 ? FreePorts.resolve(firstPort) : FreePorts.next();
            if (id == 1 && firstPort != 0 && FreePorts.inUse(port)) {
                throw new IllegalStateException("Kafka port " + port + " is already in use");
            }
            nodes.add(new Node(id, directory.resolve("node-" + id), port, FreePorts.next()));
        }
        return new KafkaClusterLayout(clusterId, nodes);
    }

    /** {@code controller.quorum.voters}: every node, as {@code id@127.0.0.1:controllerPort}. */
    public String quorumVoters() {
        return nodes.stream()
                .map(node -> node.id() + "@127.0.0.1:" + node.controllerPort())
                .collect(Collectors.joining(","));
    }

    /** {@code host:port,…} of every node, for {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return nodes.stream().map(Node::address).collect(Collectors.joining(","));
    }

    /** The node with this id (1-based). */
    public Node node(int id) {
        return nodes.get(id - 1);
    }

    /** The node as a {@link KafkaBroker} of this JVM, not started yet. */
    KafkaBroker broker(Node node) {
        return KafkaBroker.clusterNode(
                node.logDirectory(), node.port(), node.controllerPort(), node.id(), quorumVoters(), clusterId);
    }

    private static String clusterId(Path dataDirectory) {
        Path file = dataDirectory.resolve(CLUSTER_ID_FILE);
        try {
            Files.createDirectories(dataDirectory);
            if (Files.exists(file)) {
                return Files.readString(file).strip();
            }
            String id = Uuid.randomUuid().toString();
            Files.writeString(file, id);
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the Kafka cluster id in " + file, e);
        }
    }
}
