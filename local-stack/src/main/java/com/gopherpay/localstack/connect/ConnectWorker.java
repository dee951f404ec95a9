package com.gopherpay.localstack.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gopherpay.localstack.StartupFailed;
import com.gopherpay.localstack.process.ClassDataSharing;
import com.gopherpay.localstack.process.JavaProcess;
import com.gopherpay.localstack.process.Readiness;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.io.FileUtils;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real Kafka Connect worker in its own JVM, with the packaged novu-sink-connector plugin unpacked on {@code
 * plugin.path}, and the connector created through the worker's REST API from the deploy descriptor: a standalone
 * worker ({@code ConnectStandalone}, as {@code connect-standalone.sh} runs it), or one of a group of distributed
 * workers ({@code ConnectDistributed}, as {@code connect-distributed.sh} runs it) configured from the shipped
 * {@code worker-distributed.properties}, which share the connector's tasks and take over a dead worker's.
 */
public final class ConnectWorker implements AutoCloseable {

    private static final Duration READY = Duration.ofSeconds(90);
    /** A distributed worker starts beside five other JVMs (the cluster topology); on two busy cores that takes longer. */
    private static final Duration DISTRIBUTED_READY = Duration.ofSeconds(240);

    private static final Duration DEAD_LETTER_TOPIC_WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper json = new ObjectMapper();

    private final JavaProcess process;
    private final URI restUrl;
    private final boolean distributed;

    private static final String PLUGIN_DISCOVERY = "plugin.discovery";

    /** Environment variable of the worker JVM that holds the Novu API key. */
    static final String API_KEY_VARIABLE = "NOVU_API_KEY";

    private ConnectWorker(JavaProcess process, URI restUrl, boolean distributed) {
        this.process = process;
        this.restUrl = restUrl;
        this.distributed = distributed;
    }

    /**
     * Settings the worker and the connector need from the rest of the stack.
     *
     * @param logFile where the worker's output goes
     */
    public record Settings(
            String bootstrapServers,
            int restPort,
            Path workDirectory,
            String classpath,
            Path pluginArchive,
            Path connectorConfig,
            URI novuApiUrl,
            String novuApiKey,
            Path logFile) {

        /** Settings with the worker's log in {@code <workDirectory>/logs/connect.log}. */
        public Settings(
                String bootstrapServers,
                int restPort,
                Path workDirectory,
                String classpath,
                Path pluginArchive,
                Path connectorConfig,
                URI novuApiUrl,
                String novuApiKey) {
            this(
                    bootstrapServers,
                    restPort,
                    workDirectory,
                    classpath,
                    pluginArchive,
                    connectorConfig,
                    novuApiUrl,
                    novuApiKey,
                    workDirectory.resolve("logs/connect.log"));
        }
    }

    /** Launches the worker and waits until the connector and its tasks run; on failure the worker is stopped. */
    public static ConnectWorker start(Settings settings) {
        ConnectWorker worker = launch(settings);
        try {
            worker.createConnectorAndAwaitRunning(settings);
            return worker;
        } catch (RuntimeException e) {
            worker.close();
            throw e;
        }
    }

    /**
     * Launches the worker JVM and returns at once, so that the caller can own (and stop) the process before waiting
     * for it with {@link #createConnectorAndAwaitRunning}.
     */
    public static ConnectWorker launch(Settings settings) {
        return launch(settings, ClassDataSharing.off());
    }

    /** As {@link #launch(Settings)}, with the worker JVM's class data archive from {@code classDataSharing}. */
    public static ConnectWorker launch(Settings settings, ClassDataSharing classDataSharing) {
        Path work = settings.workDirectory();
        Path plugins = work.resolve("plugins");
        unpackPlugin(settings.pluginArchive(), plugins);
        Path workerProperties = writeWorkerProperties(settings, plugins);
        return new ConnectWorker(
                startJvm(
                        "Kafka Connect",
                        settings,
                        work,
                        "org.apache.kafka.connect.cli.ConnectStandalone",
                        workerProperties,
                        classDataSharing),
                URI.create("http://127.0.0.1:" + settings.restPort()),
                false);
    }

    /**
     * Launches one distributed worker and returns at once. Its properties are {@code baseProperties} (the shipped
     * {@code worker-distributed.properties}: group, internal topics with RF 3, failover settings) with this machine's
     * bootstrap servers, REST listener and plugin path; workers launched with the same base form one group. Wait for
     * it with {@link #awaitJoined()}; create the connector once, on any worker, with {@link
     * #createConnectorAndAwaitRunning}.
     *
     * @param name the process's name in logs and messages ("Kafka Connect worker 1")
     */
    public static ConnectWorker launchDistributed(Settings settings, Path baseProperties, String name) {
        Path work = settings.workDirectory();
        Path plugins = work.resolve("plugins");
        unpackPlugin(settings.pluginArchive(), plugins);
        Path workerProperties = store(
                distributedWorkerProperties(settings, plugins, baseProperties),
                work.resolve("connect-worker.properties"));
        return new ConnectWorker(
                startJvm(
                        name,
                        settings,
                        work,
                        "org.apache.kafka.connect.cli.ConnectDistributed",
                        workerProperties,
                        ClassDataSharing.off()),
                URI.create("http://127.0.0.1:" + settings.restPort()),
                true);
    }

    private static JavaProcess startJvm(
            String name,
            Settings settings,
            Path work,
            String mainClass,
            Path workerProperties,
            ClassDataSharing classDataSharing) {
        Path logback = copyResource("/connect-logback.xml", work.resolve("connect-logback.xml"));
        return JavaProcess.start(
                name,
                classDataSharing.classPath(
                        "kafka-connect",
                        settings.classpath(),
                        List.of("-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-Dlogback.configurationFile=" + logback)),
                List.of(mainClass, workerProperties.toString()),
                // The key reaches the connector through the worker's env config provider, so Connect's REST API
                // shows connector and task configs with the ${env:NOVU_API_KEY} placeholder, never the key. (The
                // validate endpoint resolves placeholders, so the REST listener is for this machine only.)
                Map.of(API_KEY_VARIABLE, settings.novuApiKey()),
                settings.logFile());
    }

    /**
     * Waits until the worker has joined its group and read the connector configurations (Connect's {@code /health}
     * answers 200), so that it takes a share of the tasks.
     */
    public void awaitJoined() {
        Readiness.awaitHttp(process.name(), restUrl.resolve("/health"), r -> r.statusCode() == 200, process, ready());
    }

    /** Waits for the worker's REST API, creates the connector from the deploy descriptor and waits until it runs. */
    public void createConnectorAndAwaitRunning(Settings settings) {
        Readiness.awaitHttp(process.name(), restUrl, r -> r.statusCode() == 200, process, ready());
        awaitDeadLetterTopic(settings);
        String name = createConnector(settings);
        Readiness.awaitHttp(
                "connector " + name,
                restUrl.resolve("/connectors/" + name + "/status"),
                ConnectWorker::connectorAndTasksRunning,
                process,
                ready());
    }

    /**
     * The connector descriptor's dead-letter topic ({@code errors.deadletterqueue.topic.name}), empty when it has none:
     * identity-service creates it with its own topic, so that Connect need not (it would log an ERROR and create it
     * with its own defaults).
     */
    public static String deadLetterTopic(Path connectorConfig) {
        try {
            JsonNode descriptor = json.readTree(connectorConfig.toFile());
            JsonNode config = descriptor.has("config") ? descriptor.get("config") : descriptor;
            return config.path("errors.deadletterqueue.topic.name").asText("");
        } catch (IOException e) {
            throw new StartupFailed("Cannot read " + connectorConfig + ": " + e.getMessage(), e);
        }
    }

    /**
     * identity-service creates the connector's dead-letter topic with its own topic at start-up; a task that starts
     * before would log an ERROR ("Topic … doesn't exist") and create it itself. So the connector is created once the
     * topic is there, or after {@link #DEAD_LETTER_TOPIC_WAIT} in any case (Connect then creates it, as before).
     */
    private void awaitDeadLetterTopic(Settings settings) {
        String topic = deadLetterTopic(settings.connectorConfig());
        if (topic.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + DEAD_LETTER_TOPIC_WAIT.toNanos();
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                settings.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG,
                "local-stack",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000))) {
            while (System.nanoTime() - deadline < 0 && process.isAlive()) {
                try {
                    if (admin.listTopics().names().get(5, TimeUnit.SECONDS).contains(topic)) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    // Kafka not answering yet: try again.
                }
                Thread.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailed("Interrupted while waiting for the topic " + topic);
        }
    }

    private Duration ready() {
        return distributed ? DISTRIBUTED_READY : READY;
    }

    public URI restUrl() {
        return restUrl;
    }

    public long pid() {
        return process.pid();
    }

    /** For the start-up log, once the connector runs: see {@link JavaProcess#startupReport()}. */
    public String startupReport() {
        return process.startupReport();
    }

    @Override
    public void close() {
        process.close();
    }

    private String createConnector(Settings settings) {
        try {
            JsonNode descriptor = json.readTree(settings.connectorConfig().toFile());
            ObjectNode config =
                    (ObjectNode) (descriptor.has("config") ? descriptor.get("config") : descriptor).deepCopy();
            String name = descriptor.has("name")
                    ? descriptor.get("name").asText()
                    : config.path("name").asText("email-verification-novu-sink");
            config.put("name", name);
            config.put("novu.api.url", settings.novuApiUrl().toString());
            config.put("novu.api.key", "${env:" + API_KEY_VARIABLE + "}");
            // notification-service charges no rate-limit tokens, so unlike Novu Cloud (where a bulk request costs 100
            // and the descriptor keeps 1) bulk requests only save round trips: records that arrive together go in one.
            config.put("batch.max.size", "100");
            if (!distributed) {
                // One broker: internal topics of the connector (the DLQ) cannot have more replicas than that.
                config.put("errors.deadletterqueue.topic.replication.factor", "1");
            }
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(restUrl.resolve("/connectors/" + name + "/config"))
                                    .header("Content-Type", "application/json")
                                    .timeout(Duration.ofSeconds(30))
                                    .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(config)))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200 && response.statusCode() != 201) {
                throw new StartupFailed("Kafka Connect refused the connector config (HTTP " + response.statusCode()
                        + "): " + oneLine(response.body()));
            }
            return name;
        } catch (IOException e) {
            throw new StartupFailed("Cannot create the connector: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailed("Interrupted while creating the connector");
        }
    }

    private static boolean connectorAndTasksRunning(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return false;
        }
        try {
            JsonNode status = json.readTree(response.body());
            String connectorState = status.path("connector").path("state").asText();
            if ("FAILED".equals(connectorState)) {
                throw new StartupFailed("The connector failed: "
                        + oneLine(status.path("connector").path("trace").asText()));
            }
            JsonNode tasks = status.path("tasks");
            if (!"RUNNING".equals(connectorState) || tasks.isEmpty()) {
                return false;
            }
            for (JsonNode task : tasks) {
                if ("FAILED".equals(task.path("state").asText())) {
                    throw new StartupFailed("A connector task failed: "
                            + oneLine(task.path("trace").asText()));
                }
                if (!"RUNNING".equals(task.path("state").asText())) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path writeWorkerProperties(Settings settings, Path plugins) {
        return store(
                workerProperties(settings, plugins), settings.workDirectory().resolve("connect-worker.properties"));
    }

    private static Path store(Properties worker, Path file) {
        try (OutputStream out = Files.newOutputStream(file)) {
            worker.store(out, "Written by the GopherPay local stack on every start");
            return file;
        } catch (IOException e) {
            throw new StartupFailed("Cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The standalone worker's configuration. */
    static Properties workerProperties(Settings settings, Path plugins) {
        Properties worker = new Properties();
        worker.setProperty("bootstrap.servers", settings.bootstrapServers());
        // Connect's REST API has no authentication of its own, and its validate endpoint answers with config values
        // after resolving ${env:...} placeholders: reachable from this machine only, and it says so to clients.
        worker.setProperty("listeners", "http://127.0.0.1:" + settings.restPort());
        worker.setProperty("rest.advertised.host.name", "127.0.0.1");
        worker.setProperty("rest.advertised.listener", "http");
        worker.setProperty("plugin.path", plugins.toString());
        // Plugins are found through their ServiceLoader manifests (the connector ships one, as do Kafka's own
        // converters and config providers) instead of scanning every class of the plugin path and class path.
        worker.setProperty(PLUGIN_DISCOVERY, "service_load");
        worker.setProperty(
                "offset.storage.file.filename",
                settings.workDirectory().resolve("connect.offsets").toString());
        worker.setProperty("offset.flush.interval.ms", "1000");
        worker.setProperty("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.setProperty("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.setProperty("config.providers", "env");
        worker.setProperty(
                "config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        // Only the variable the connector needs: without an allowlist ${env:ANY_NAME} reads the whole environment.
        worker.setProperty("config.providers.env.param.allowlist.pattern", API_KEY_VARIABLE);
        return worker;
    }

    /**
     * A distributed worker's configuration: the shipped base file with this machine's addresses. Everything else (group,
     * internal topics, failover timings, config provider) is the base file's, so the local cluster runs what {@code
     * deploy/} ships.
     */
    static Properties distributedWorkerProperties(Settings settings, Path plugins, Path baseProperties) {
        Properties worker = new Properties();
        try (InputStream in = Files.newInputStream(baseProperties)) {
            worker.load(in);
        } catch (IOException e) {
            throw new StartupFailed("Cannot read " + baseProperties + ": " + e.getMessage(), e);
        }
        worker.setProperty("bootstrap.servers", settings.bootstrapServers());
        // Loopback only, as for the standalone worker: the validate endpoint resolves ${env:...} placeholders.
        worker.setProperty("listeners", "http://127.0.0.1:" + settings.restPort());
        worker.setProperty("rest.advertised.host.name", "127.0.0.1");
        worker.setProperty("rest.advertised.port", String.valueOf(settings.restPort()));
        worker.setProperty("rest.advertised.listener", "http");
        worker.setProperty("plugin.path", plugins.toString());
        worker.setProperty(PLUGIN_DISCOVERY, "service_load");
        worker.setProperty("offset.flush.interval.ms", "1000");
        return worker;
    }

    /** Unpacks the plugin archive afresh, so a rebuilt connector is what the worker loads. */
    private static void unpackPlugin(Path archive, Path plugins) {
        try {
            if (Files.exists(plugins)) {
                FileUtils.deleteDirectory(plugins.toFile());
            }
            Files.createDirectories(plugins);
            try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(archive))) {
                for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                    Path target = plugins.resolve(entry.getName()).normalize();
                    if (!target.startsWith(plugins)) {
                        throw new StartupFailed("Plugin archive entry escapes its directory: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        } catch (IOException e) {
            throw new StartupFailed("Cannot unpack the connector plugin " + archive + ": " + e.getMessage(), e);
        }
    }

    private static Path copyResource(String resource, Path target) {
        try (InputStream in = ConnectWorker.class.getResourceAsStream(resource)) {
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

    private static String oneLine(String text) {
        String first = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return first.length() > 300 ? first.substring(0, 300) + "…" : first;
    }
}
