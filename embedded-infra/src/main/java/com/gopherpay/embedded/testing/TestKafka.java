package com.gopherpay.embedded.testing;

import com.gopherpay.embedded.KafkaBroker;
import java.io.IOException;
import java.nio.file.Files;

/** Real in-process Kafka brokers for tests, on free ports and throw-away data directories. */
public final class TestKafka {

    private static KafkaBroker shared;

    private TestKafka() {}

    /** One broker for the whole test JVM, started on first use and stopped when the JVM exits. */
    public static synchronized KafkaBroker shared() {
        if (shared == null) {
            shared = startDedicated();
            KafkaBroker broker = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "test-kafka-shutdown"));
        }
        return shared;
    }

    /** A broker of the caller's own, for tests that stop and restart it; the caller closes it. */
    public static KafkaBroker startDedicated() {
        try {
            return KafkaBroker.start(Files.createTempDirectory("gopherpay-test-kafka"), 0);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create a data directory for a test Kafka broker", e);
        }
    }
}
