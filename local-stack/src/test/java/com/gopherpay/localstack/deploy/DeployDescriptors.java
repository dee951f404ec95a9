package com.gopherpay.localstack.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gopherpay.novu.connect.config.NovuSinkConfig;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.runtime.SinkConnectorConfig;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads every descriptor under {@code deploy/} and reports each place where it has drifted from the code: a Spring
 * property or environment variable the service does not know, a probe on a path or port that does not answer, a
 * connector or worker key neither the connector nor Connect defines, copies of one setting that disagree.
 */
final class DeployDescriptors {

    static final String IDENTITY = "identity-service";
    static final String NOTIFICATION = "notification-service";

    /** Environment variables that are the JVM's, not Spring properties. */
    private static final Set<String> NOT_SPRING = Set.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "TZ");

    /** Worker keys Strimzi sets itself and refuses in a KafkaConnect's spec.config. */
    private static final Set<String> STRIMZI_MANAGED =
            Set.of("bootstrap.servers", "plugin.path", "listeners", "rest.advertised.port");

    /** Worker keys the single-host compose worker sets differently (one broker). */
    private static final Set<String> COMPOSE_WORKER_DIFFERENCES = Set.of(
            "bootstrap.servers",
            "plugin.path",
            "config.storage.replication.factor",
            "offset.storage.replication.factor",
            "status.storage.replication.factor");

    /** Connector keys the compose descriptor sets differently (notification-service on the compose network). */
    private static final Set<String> COMPOSE_CONNECTOR_DIFFERENCES =
            Set.of("novu.api.url", "novu.api.allow.insecure.http", "errors.deadletterqueue.topic.replication.factor");

    private static final ObjectMapper json = new ObjectMapper();

    private final Path deploy;
    private final Map<String, ServiceMetadata> services;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Set<String>> secrets = new HashMap<>();

    DeployDescriptors(Path deploy, Map<String, ServiceMetadata> services) {
        this.deploy = deploy;
        this.services = services;
    }

    /** Every problem found, each naming its file; empty when the descriptors match the code. */
    List<String> problems() {
        Map<String, String> connector = connectorDescriptor("connect/email-verification-novu-sink.json");
        checkConnectorConfig("connect/email-verification-novu-sink.json", connector);
        Map<String, String> worker = properties("connect/worker-distributed.properties");
        checkWorker("connect/worker-distributed.properties", worker);
        checkWorker("connect/worker.properties", withRequiredWorkerKeys(properties("connect/worker.properties")));

        List<Map<String, Object>> kubernetes = kubernetesDocuments();
        kubernetes.stream().filter(doc -> "Secret".equals(doc.get("kind"))).forEach(this::recordSecret);
        for (Map<String, Object> doc : kubernetes) {
            String kind = String.valueOf(doc.get("kind"));
            switch (kind) {
                case "Deployment" -> checkDeployment(doc);
                case "KafkaConnector" -> checkKafkaConnector(doc, connector);
                case "KafkaConnect" -> checkKafkaConnect(doc, worker);
                default -> {}
            }
        }
        checkTopicsAndCluster(kubernetes, connector);
        checkConnectRestApiIsPrivate(kubernetes);
        checkCompose(connector, worker);
        return problems;
    }

    // --- Connect ---

    private void checkConnectorConfig(String source, Map<String, String> config) {
        Set<String> known = new HashSet<>(NovuSinkConfig.CONFIG_DEF.names());
        known.addAll(SinkConnectorConfig.configDef().names());
        known.add("name");
        for (String key : config.keySet()) {
            boolean ok = known.contains(key)
                    || clientOverride(key, "consumer.override.", ConsumerConfig.configNames())
                    || clientOverride(key, "admin.override.", AdminClientConfig.configNames())
                    || clientOverride(key, "producer.override.", ProducerConfig.configNames());
            if (!ok) {
                problems.add(source + ": '" + key + "' is neither a novu-sink-connector setting nor a Connect sink"
                        + " connector setting");
            }
        }
        for (ConfigValue value : NovuSinkConfig.CONFIG_DEF.validate(config)) {
            if (config.containsKey(value.name()) && !value.errorMessages().isEmpty()) {
                problems.add(source + ": " + value.name() + " " + value.errorMessages());
            }
        }
    }

    private static boolean clientOverride(String key, String prefix, Set<String> names) {
        return key.startsWith(prefix) && names.contains(key.substring(prefix.length()));
    }

    private void checkWorker(String source, Map<String, String> worker) {
        DistributedConfig config;
        try {
            config = new DistributedConfig(worker);
        } catch (ConfigException e) {
            problems.add(source + ": Connect refuses it: " + e.getMessage());
            return;
        }
        Set<String> known = config.values().keySet();
        for (String key : worker.keySet()) {
            boolean ok = known.contains(key)
                    || key.startsWith("config.providers.")
                    || key.startsWith("listeners.https.")
                    || clientOverride(key, "consumer.", ConsumerConfig.configNames())
                    || clientOverride(key, "producer.", ProducerConfig.configNames())
                    || clientOverride(key, "admin.", AdminClientConfig.configNames());
            if (!ok) {
                problems.add(source + ": '" + key + "' is no Kafka Connect worker setting");
            }
        }
    }

    /** worker.properties is a fragment to merge: give it what a worker needs before Connect would parse it. */
    private static Map<String, String> withRequiredWorkerKeys(Map<String, String> fragment) {
        Map<String, String> worker = new LinkedHashMap<>(fragment);
        worker.putIfAbsent("bootstrap.servers", "kafka:9092");
        worker.putIfAbsent("group.id", "g");
        worker.putIfAbsent("config.storage.topic", "c");
        worker.putIfAbsent("offset.storage.topic", "o");
        worker.putIfAbsent("status.storage.topic", "s");
        worker.putIfAbsent("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        worker.putIfAbsent("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        return worker;
    }

    // --- Kubernetes ---

    private void recordSecret(Map<String, Object> secret) {
        Set<String> keys = new HashSet<>();
        keys.addAll(map(secret.get("stringData")).keySet());
        keys.addAll(map(secret.get("data")).keySet());
        secrets.put(String.valueOf(map(secret.get("metadata")).get("name")), keys);
    }

    private void checkDeployment(Map<String, Object> deployment) {
        String name = String.valueOf(map(deployment.get("metadata")).get("name"));
        Map<String, Object> pod =
                map(map(map(deployment.get("spec")).get("template")).get("spec"));
        for (Object volume : list(pod.get("volumes"))) {
            Map<String, Object> secret = map(map(volume).get("secret"));
            if (!secret.isEmpty() && !secrets.containsKey(String.valueOf(secret.get("secretName")))) {
                problems.add("Deployment " + name + ": volume from Secret '" + secret.get("secretName")
                        + "', which deploy/kubernetes does not define");
            }
        }
        for (Object item : list(pod.get("containers"))) {
            Map<String, Object> container = map(item);
            String containerName = String.valueOf(container.get("name"));
            ServiceMetadata service = services.get(containerName);
            String where = "Deployment " + name + ", container " + containerName;
            if (service == null) {
                problems.add(where + ": not one of the services " + services.keySet());
                continue;
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (Object entry : list(container.get("env"))) {
                Map<String, Object> variable = map(entry);
                String variableName = String.valueOf(variable.get("name"));
                env.put(variableName, variable.get("value") == null ? null : String.valueOf(variable.get("value")));
                checkVariable(where, service, variableName);
                Map<String, Object> secretRef =
                        map(map(variable.get("valueFrom")).get("secretKeyRef"));
                if (!secretRef.isEmpty()) {
                    checkSecretKey(where, secretRef);
                }
            }
            Map<String, Integer> ports = new HashMap<>();
            for (Object port : list(container.get("ports"))) {
                Map<String, Object> p = map(port);
                ports.put(String.valueOf(p.get("name")), Integer.valueOf(String.valueOf(p.get("containerPort"))));
            }
            for (String probe : List.of("readinessProbe", "livenessProbe", "startupProbe")) {
                Map<String, Object> httpGet = map(map(container.get(probe)).get("httpGet"));
                if (!httpGet.isEmpty()) {
                    checkProbe(where + ", " + probe, service, env, ports, probe, httpGet);
                }
            }
        }
    }

    private void checkVariable(String where, ServiceMetadata service, String variable) {
        if (!NOT_SPRING.contains(variable) && !service.knowsEnvironmentVariable(variable)) {
            problems.add(where + ": " + variable + " binds to no property " + service.service() + " knows");
        }
    }

    private void checkSecretKey(String where, Map<String, Object> secretRef) {
        String secret = String.valueOf(secretRef.get("name"));
        String key = String.valueOf(secretRef.get("key"));
        if (!secrets.getOrDefault(secret, Set.of()).contains(key)) {
            problems.add(where + ": Secret " + secret + " has no key '" + key + "' in deploy/kubernetes");
        }
    }

    /**
     * A probe must name a port of the container, that port must be the service's server or management port, and the
     * path one the service answers there: Spring Boot's health groups on the management port (with
     * management.endpoint.health.probes.enabled), /livez and /readyz on the server port (with add-additional-paths).
     */
    private void checkProbe(
            String where,
            ServiceMetadata service,
            Map<String, String> env,
            Map<String, Integer> ports,
            String probe,
            Map<String, Object> httpGet) {
        String portRef = String.valueOf(httpGet.get("port"));
        Integer port = ports.containsKey(portRef) ? ports.get(portRef) : parseOrNull(portRef);
        if (port == null || !ports.containsValue(port)) {
            problems.add(where + ": port '" + portRef + "' is not a port of the container");
            return;
        }
        int management = Integer.parseInt(Objects.requireNonNullElse(
                env.get("MANAGEMENT_SERVER_PORT"), service.applicationProperty("management.server.port")));
        int server = Integer.parseInt(Objects.requireNonNullElse(
                env.get("SERVER_PORT"),
                Objects.requireNonNullElse(service.applicationProperty("server.port"), "8080")));
        String group = probe.equals("readinessProbe") ? "readiness" : "liveness";
        String path = String.valueOf(httpGet.get("path"));
        boolean probesEnabled = "true".equals(service.applicationProperty("management.endpoint.health.probes.enabled"));
        if (port == management) {
            String address = Objects.requireNonNullElse(
                    env.get("MANAGEMENT_SERVER_ADDRESS"), service.applicationProperty("management.server.address"));
            if (address != null && (address.startsWith("127.") || address.equals("localhost"))) {
                problems.add(where + ": the management port listens on " + address
                        + " only, the kubelet cannot reach it (set MANAGEMENT_SERVER_ADDRESS)");
            }
            if (!probesEnabled || !path.equals("/actuator/health/" + group)) {
                problems.add(where + ": " + path + " on the management port " + port + " is not the service's " + group
                        + " endpoint (/actuator/health/" + group + ")");
            }
        } else if (port == server) {
            boolean additional = "true"
                    .equals(service.applicationProperty("management.endpoint.health.probes.add-additional-paths"));
            String expected = group.equals("readiness") ? "/readyz" : "/livez";
            if (!probesEnabled || !additional || !path.equals(expected)) {
                problems.add(where + ": " + path + " on the server port " + port + " is not the service's " + group
                        + " endpoint (" + expected + ")");
            }
        } else {
            problems.add(where + ": port " + port + " is neither the server (" + server + ") nor the management ("
                    + management + ") port of " + service.service());
        }
    }

    private void checkKafkaConnector(Map<String, Object> resource, Map<String, String> descriptor) {
        String where = "KafkaConnector " + map(resource.get("metadata")).get("name");
        Map<String, Object> spec = map(resource.get("spec"));
        Map<String, String> config = strings(map(spec.get("config")));
        checkConnectorConfig(where, config);
        if (!String.valueOf(spec.get("class")).equals(descriptor.get("connector.class"))) {
            problems.add(where + ": class differs from connector.class of connect/email-verification-novu-sink.json");
        }
        if (!String.valueOf(spec.get("tasksMax")).equals(descriptor.get("tasks.max"))) {
            problems.add(where + ": tasksMax differs from tasks.max of connect/email-verification-novu-sink.json");
        }
        Map<String, String> expected = new TreeMap<>(descriptor);
        expected.keySet().removeAll(Set.of("connector.class", "tasks.max", "name"));
        compare(where, "connect/email-verification-novu-sink.json", new TreeMap<>(config), expected, Set.of());
    }

    private void checkKafkaConnect(Map<String, Object> resource, Map<String, String> worker) {
        String where = "KafkaConnect " + map(resource.get("metadata")).get("name");
        Map<String, Object> spec = map(resource.get("spec"));
        Map<String, String> config = strings(map(spec.get("config")));
        for (String key : config.keySet()) {
            if (STRIMZI_MANAGED.contains(key) || key.startsWith("rest.")) {
                problems.add(where + ": spec.config must not set " + key + " (Strimzi sets it)");
            }
        }
        Map<String, String> parsed = new LinkedHashMap<>(config);
        parsed.put("bootstrap.servers", String.valueOf(spec.get("bootstrapServers")));
        checkWorker(where, parsed);
        Map<String, String> expected = new TreeMap<>(worker);
        expected.keySet().removeAll(STRIMZI_MANAGED);
        compare(where, "connect/worker-distributed.properties", new TreeMap<>(config), expected, Set.of());
        Map<String, Object> container = map(map(spec.get("template")).get("connectContainer"));
        for (Object entry : list(container.get("env"))) {
            Map<String, Object> secretRef = map(map(map(entry).get("valueFrom")).get("secretKeyRef"));
            if (!secretRef.isEmpty()) {
                checkSecretKey(where, secretRef);
            }
        }
    }

    private void checkTopicsAndCluster(List<Map<String, Object>> kubernetes, Map<String, String> connector) {
        Map<String, Map<String, Object>> topics = new HashMap<>();
        for (Map<String, Object> doc : kubernetes) {
            String name = String.valueOf(map(doc.get("metadata")).get("name"));
            Map<String, Object> spec = map(doc.get("spec"));
            switch (String.valueOf(doc.get("kind"))) {
                case "KafkaTopic" -> topics.put(name, spec);
                case "Kafka" -> {
                    Map<String, String> config =
                            strings(map(map(spec.get("kafka")).get("config")));
                    if (!"2".equals(config.get("min.insync.replicas"))
                            || !"3".equals(config.get("default.replication.factor"))) {
                        problems.add(
                                "Kafka " + name + ": needs min.insync.replicas 2 and default.replication.factor 3");
                    }
                }
                case "KafkaNodePool" -> {
                    if (Integer.parseInt(String.valueOf(spec.get("replicas"))) < 3) {
                        problems.add("KafkaNodePool " + name + ": fewer than 3 nodes");
                    }
                }
                default -> {}
            }
        }
        String topic = connector.get("topics");
        String deadLetters = connector.get("errors.deadletterqueue.topic.name");
        for (String name : List.of(topic, deadLetters)) {
            Map<String, Object> spec = topics.get(name);
            if (spec == null) {
                problems.add("deploy/kubernetes: no KafkaTopic " + name);
                continue;
            }
            if (!"3".equals(String.valueOf(spec.get("replicas")))
                    || !"2".equals(strings(map(spec.get("config"))).get("min.insync.replicas"))) {
                problems.add("KafkaTopic " + name + ": needs replicas 3 and min.insync.replicas 2");
            }
        }
        if (topics.containsKey(topic)
                && !String.valueOf(topics.get(topic).get("partitions")).equals(connector.get("tasks.max"))) {
            problems.add("KafkaTopic " + topic + ": partitions differ from the connector's tasks.max");
        }
        // identity-service creates the same topics; it must name the same dead-letter topic.
        for (Map<String, Object> doc : kubernetes) {
            if (!"Deployment".equals(doc.get("kind"))) {
                continue;
            }
            Map<String, Object> pod =
                    map(map(map(doc.get("spec")).get("template")).get("spec"));
            for (Object container : list(pod.get("containers"))) {
                for (Object entry : list(map(container).get("env"))) {
                    Map<String, Object> variable = map(entry);
                    if ("IDENTITY_KAFKA_DEAD_LETTER_TOPIC".equals(variable.get("name"))
                            && !deadLetters.equals(String.valueOf(variable.get("value")))) {
                        problems.add("Deployment " + map(doc.get("metadata")).get("name")
                                + ": IDENTITY_KAFKA_DEAD_LETTER_TOPIC differs from the connector's dead-letter topic");
                    }
                }
            }
        }
    }

    private void checkConnectRestApiIsPrivate(List<Map<String, Object>> kubernetes) {
        Set<String> connectClusters = new HashSet<>();
        kubernetes.stream()
                .filter(doc -> "KafkaConnect".equals(doc.get("kind")))
                .forEach(doc -> connectClusters.add(
                        String.valueOf(map(doc.get("metadata")).get("name"))));
        for (String cluster : connectClusters) {
            boolean guarded = kubernetes.stream()
                    .filter(doc -> "NetworkPolicy".equals(doc.get("kind")))
                    .map(doc -> map(doc.get("spec")))
                    .filter(spec -> cluster.equals(
                            map(map(spec.get("podSelector")).get("matchLabels")).get("strimzi.io/cluster")))
                    .flatMap(spec -> list(spec.get("ingress")).stream())
                    .map(DeployDescriptors::map)
                    .filter(rule -> list(rule.get("ports")).stream()
                            .anyMatch(port ->
                                    "8083".equals(String.valueOf(map(port).get("port")))))
                    .allMatch(rule -> !list(rule.get("from")).isEmpty());
            boolean mentioned = kubernetes.stream()
                    .filter(doc -> "NetworkPolicy".equals(doc.get("kind")))
                    .anyMatch(doc -> cluster.equals(
                            map(map(map(doc.get("spec")).get("podSelector")).get("matchLabels"))
                                    .get("strimzi.io/cluster")));
            if (!guarded || !mentioned) {
                problems.add(
                        "deploy/kubernetes: no NetworkPolicy limits who reaches the REST API (8083) of KafkaConnect "
                                + cluster);
            }
        }
    }

    // --- compose ---

    private void checkCompose(Map<String, String> connector, Map<String, String> worker) {
        Map<String, Object> compose = yaml("compose/compose.yaml").get(0);
        Map<String, Object> composeServices = map(compose.get("services"));
        for (String name : List.of(IDENTITY, NOTIFICATION)) {
            Map<String, Object> service = map(composeServices.get(name));
            if (service.isEmpty()) {
                problems.add("compose/compose.yaml: no service " + name);
                continue;
            }
            for (String variable : map(service.get("environment")).keySet()) {
                checkVariable("compose/compose.yaml, " + name, services.get(name), variable);
            }
        }
        for (String name : List.of("kafka", "connect")) {
            String image = String.valueOf(map(composeServices.get(name)).get("image"));
            if (!image.startsWith("apache/kafka:")) {
                problems.add("compose/compose.yaml: " + name + " must use the official apache/kafka image");
            }
        }
        String dlq = String.valueOf(
                map(map(composeServices.get(IDENTITY)).get("environment")).get("IDENTITY_KAFKA_DEAD_LETTER_TOPIC"));
        if (!dlq.equals(connector.get("errors.deadletterqueue.topic.name"))) {
            problems.add("compose/compose.yaml: IDENTITY_KAFKA_DEAD_LETTER_TOPIC differs from the connector's");
        }
        Map<String, String> composeWorker = properties("compose/connect-worker.properties");
        checkWorker("compose/connect-worker.properties", composeWorker);
        compare(
                "compose/connect-worker.properties",
                "connect/worker-distributed.properties",
                new TreeMap<>(composeWorker),
                new TreeMap<>(worker),
                COMPOSE_WORKER_DIFFERENCES);
        Map<String, String> composeConnector = connectorDescriptor("compose/email-verification-novu-sink.json");
        checkConnectorConfig("compose/email-verification-novu-sink.json", composeConnector);
        compare(
                "compose/email-verification-novu-sink.json",
                "connect/email-verification-novu-sink.json",
                new TreeMap<>(composeConnector),
                new TreeMap<>(connector),
                COMPOSE_CONNECTOR_DIFFERENCES);
    }

    // --- helpers ---

    private void compare(
            String where,
            String original,
            Map<String, String> copy,
            Map<String, String> expected,
            Set<String> allowed) {
        Set<String> keys = new HashSet<>(copy.keySet());
        keys.addAll(expected.keySet());
        keys.removeAll(allowed);
        for (String key : new TreeMap<>(copy).keySet()) {
            // the copy may add keys only where differences are allowed
            if (!expected.containsKey(key) && !allowed.contains(key)) {
                problems.add(where + ": sets " + key + ", which " + original + " does not");
            }
        }
        for (String key : keys) {
            if (expected.containsKey(key) && !Objects.equals(copy.get(key), expected.get(key))) {
                problems.add(where + ": " + key + " is '" + copy.get(key) + "', " + original + " has '"
                        + expected.get(key) + "'");
            }
        }
    }

    private Map<String, String> connectorDescriptor(String file) {
        try {
            JsonNode descriptor = json.readTree(deploy.resolve(file).toFile());
            Map<String, String> config = new LinkedHashMap<>();
            descriptor
                    .path("config")
                    .fields()
                    .forEachRemaining(
                            field -> config.put(field.getKey(), field.getValue().asText()));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> properties(String file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(deploy.resolve(file))) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }

    private List<Map<String, Object>> kubernetesDocuments() {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Stream<Path> files = Files.walk(deploy.resolve("kubernetes"))) {
            files.filter(file -> file.toString().endsWith(".yaml"))
                    .sorted()
                    .forEach(file ->
                            documents.addAll(yaml(deploy.relativize(file).toString())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private List<Map<String, Object>> yaml(String file) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(deploy.resolve(file))) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<Object> list(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of();
    }

    private static Map<String, String> strings(Map<String, Object> map) {
        Map<String, String> strings = new LinkedHashMap<>();
        map.forEach((key, value) -> strings.put(key, String.valueOf(value)));
        return strings;
    }

    private static Integer parseOrNull(String value) {
        try {
            return Integer.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
