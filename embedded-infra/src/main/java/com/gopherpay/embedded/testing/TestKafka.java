package com.gopherpay.embedded.testing;

import com.gopherpay.embedded.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.io.FileUtils;

/**
 * Real in-process Kafka brokers for tests, on free ports and throw-away data directories that are removed when the
 * JVM exits.
 */
public final class TestKafka {

    private static KafkaBroker shared;

    private TestKafka() {}

    /** One broker for the whole test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = startDedicated();
        }
        return shared;
    }

    /**
     * A broker of the caller's own, for tests that stop and restart it; the caller closes it. At JVM exit it is stopped
     * (if still running) and its data directory deleted.
     */
    public static KafkaBroker startDedicated() {
        Path directory;
        try {
            directory = Files.createTempDirectory("gopherpay-test-kafka");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a data directory for a test Kafka broker", e);
        }
        try {
            KafkaBroker broker = KafkaBroker.start(directory, 0);
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(
                            () -> {
                                broker.close(); // a no-op when the caller already stopped it
                                FileUtils.deleteQuietly(directory.toFile());
                            },
                            "test-kafka-cleanup"));
            return broker;
        } catch (RuntimeException e) {
            FileUtils.deleteQuietly(directory.toFile());
            throw e;
        }
    }
}
