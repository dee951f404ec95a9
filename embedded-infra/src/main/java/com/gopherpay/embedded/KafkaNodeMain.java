package com.gopherpay.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a {@link KafkaClusterLayout} (combined broker and controller) in a JVM of its own, so that it can be
 * killed and started again like a real server process: {@code java -cp … com.gopherpay.embedded.KafkaNodeMain
 * --node-id=2 --log-dir=… --port=… --controller-port=… --quorum-voters=… --cluster-id=…} (see {@link #arguments}).
 * It formats its directory when new, starts, and runs until SIGTERM, which shuts the broker down cleanly. The same
 * command line brings the same node back after a crash: its data, ports and cluster id are all on it.
 *
 * <p>A clean stop is a controlled shutdown, which the active controller must approve; when the whole cluster stops at
 * once, the node stopping last may find no controller quorum left to approve it, and Kafka would wait for one for
 * minutes. So a stop gets {@link #CLEAN_STOP}; after that the node logs why and halts, as a crashed node would (its
 * log is recovered at the next start).
 *
 * <p>Exit codes: 1 when the node could not start; 2 for a bad command line.
 */
public final class KafkaNodeMain {

    private static final Logger log = LoggerFactory.getLogger(KafkaNodeMain.class);
    /** Shorter than the launcher's grace for its child JVMs (20 s), so that the node says why it did not stop. */
    static final Duration CLEAN_STOP = Duration.ofSeconds(15);

    private enum State {
        STARTING,
        RUNNING,
        FAILED
    }

    private KafkaNodeMain() {}

    public static void main(String[] args) throws InterruptedException {
        Node node;
        try {
            node = parse(List.of(args));
        } catch (IllegalArgumentException e) {
            System.err.println("KafkaNodeMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        KafkaBroker broker = KafkaBroker.clusterNode(
                node.logDirectory(),
                node.port(),
                node.controllerPort(),
                node.id(),
                node.quorumVoters(),
                node.clusterId());
        AtomicReference<State> state = new AtomicReference<>(State.STARTING);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            switch (state.get()) {
                                case RUNNING -> stopWithin(broker, node.id(), CLEAN_STOP);
                                // A node still waiting for its quorum holds nothing it could lose: a clean shutdown
                                // would wait for that quorum too, so it ends at once, as a killed node would.
                                case STARTING -> Runtime.getRuntime().halt(143);
                                case FAILED -> {}
                            }
                            stopped.countDown();
                        },
                        "kafka-node-shutdown"));
        try {
            broker.restart();
        } catch (RuntimeException e) {
            state.set(State.FAILED);
            log.error("Kafka node {} could not start", node.id(), e);
            System.exit(1);
            return;
        }
        state.set(State.RUNNING);
        log.info(
                "Kafka node {} running on {} (controller port {})",
                node.id(),
                broker.bootstrapServers(),
                node.controllerPort());
        stopped.await();
    }

    private static void stopWithin(KafkaBroker broker, int nodeId, Duration grace) {
        Thread stop = new Thread(broker::stop, "kafka-node-stop");
        stop.setDaemon(true);
        stop.start();
        try {
            stop.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stop.isAlive()) {
            log.warn(
                    "Kafka node {} did not stop within {} s: its controlled shutdown waits for a controller quorum"
                            + " (the other nodes stopped first?). Halting; its log is recovered at the next start",
                    nodeId,
                    grace.toSeconds());
            Runtime.getRuntime().halt(143);
        }
    }

    /** The command-line arguments (after the class name) that run {@code node} of {@code layout}. */
    public static List<String> arguments(KafkaClusterLayout layout, KafkaClusterLayout.Node node) {
        return List.of(
                "--node-id=" + node.id(),
                "--log-dir=" + node.logDirectory(),
                "--port=" + node.port(),
                "--controller-port=" + node.controllerPort(),
                "--quorum-voters=" + layout.quorumVoters(),
                "--cluster-id=" + layout.clusterId());
    }

    /** What a command line says about the node to run. */
    record Node(int id, Path logDirectory, int port, int controllerPort, String quorumVoters, String clusterId) {}

    /** @throws IllegalArgumentException naming the missing, unknown or malformed option */
    static Node parse(List<String> args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (!arg.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("expected --option=value, got '" + arg + "'");
            }
            options.put(arg.substring(2, eq), arg.substring(eq + 1));
        }
        List<String> known = List.of("node-id", "log-dir", "port", "controller-port", "quorum-voters", "cluster-id");
        for (String option : options.keySet()) {
            if (!known.contains(option)) {
                throw new IllegalArgumentException("unknown option --" + option);
            }
        }
        return new Node(
                number(options, "node-id"),
                Path.of(required(options, "log-dir")).toAbsolutePath(),
                number(options, "port"),
                number(options, "controller-port"),
                required(options, "quorum-voters"),
                required(options, "cluster-id"));
    }

    private static String required(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }

    private static int number(Map<String, String> options, String name) {
        String value = required(options, name);
        try {
            int number = Integer.parseInt(value);
            if (number < 1 || number > 65535) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a number from 1 to 65535, got '" + value + "'");
        }
    }
}
