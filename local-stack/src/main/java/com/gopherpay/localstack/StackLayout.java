package com.gopherpay.localstack;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the built parts the stack runs: service jars, the connector plugin archive and the Connect libraries. */
public record StackLayout(Path directory) {

    /** {@code -Dgopherpay.stack.dir} if set, else {@code stack/} beside the running local-stack jar. */
    public static Path defaultStackDirectory() {
        String configured = System.getProperty("gopherpay.stack.dir");
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            Path codeSource = Path.of(StackLayout.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return codeSource.getParent().resolve("stack");
        } catch (URISyntaxException e) {
            throw new StartupFailed("Cannot locate the local-stack jar", e);
        }
    }

    public Path identityServiceJar() {
        return required(directory.resolve("apps/identity-service.jar"));
    }

    public Path notificationServiceJar() {
        return required(directory.resolve("apps/notification-service.jar"));
    }

    public Path connectorPluginArchive() {
        return required(directory.resolve("apps/novu-sink-connector-plugin.zip"));
    }

    public Path connectorConfig() {
        return required(directory.resolve("deploy/email-verification-novu-sink.json"));
    }

    /** The shipped distributed worker configuration ({@code deploy/connect/worker-distributed.properties}). */
    public Path distributedWorkerConfig() {
        return required(directory.resolve("deploy/worker-distributed.properties"));
    }

    /**
     * Where the child JVMs' class data archives and the extracted service jars are kept: beside the jars they come
     * from, so that every data directory (and every test's) shares them; a rebuild makes them stale, which is noticed.
     */
    public Path classDataCache() {
        return directory.resolve("cds");
    }

    /** Classpath for the Connect worker JVM: every runtime library of this module. */
    public String connectClasspath() {
        return required(directory.resolve("lib")) + "/*";
    }

    /**
     * Classpath for the cluster topology's Kafka node JVMs ({@code com.gopherpay.embedded.KafkaNodeMain}): the same
     * runtime libraries, which hold embedded-infra and the Kafka server.
     */
    public String kafkaNodeClasspath() {
        return connectClasspath();
    }

    private static Path required(Path path) {
        if (!Files.exists(path)) {
            throw new StartupFailed(path + " is missing: build first with ./mvnw -DskipTests package");
        }
        return path;
    }
}
