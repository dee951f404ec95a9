package com.gopherpay.novu.connect.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gopherpay.novu.contract.Fault;
import com.gopherpay.novu.contract.RecordedRequest;
import com.gopherpay.novu.contract.StrictNovuStub;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packaged plugin on a real distributed Connect worker (Kafka's EmbeddedConnectCluster) against the strict Novu
 * stub. One cluster for all tests; each test has its own topic, connector and stub.
 */
class NovuSinkConnectorIT {

    private static final String CONNECTOR_CLASS = "com.gopherpay.novu.connect.NovuSinkConnector";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(60);

    private static EmbeddedConnectCluster connect;
    private static KafkaProducer<byte[], byte[]> producer;

    private final StrictNovuStub stub = StrictNovuStub.start();
    private final List<String> connectors = new ArrayList<>();

    @BeforeAll
    static void startConnect() throws Exception {
        Path pluginPath = PluginDirectory.unzipPackagedPlugin();
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("plugin.path", pluginPath.toString());
        // Only ServiceLoader discovery: proves the archive's META-INF/services registration works.
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("offset.flush.interval.ms", "1000");
        // How production keeps the API key out of stored and REST-visible connector configs: a config provider. The env
        // provider as deploy/connect/worker.properties sets it up: only the connector's variable, nothing else of the
        // worker's environment (failsafe gives this JVM NOVU_API_KEY).
        workerProps.put("config.providers", "file,env");
        workerProps.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        workerProps.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
        workerProps.put("config.providers.env.param.allowlist.pattern", "NOVU_API_KEY");
        connect = new EmbeddedConnectCluster.Builder()
                .name("novu-sink-it")
                .numWorkers(1)
                .numBrokers(1)
                .workerProps(workerProps)
                .build();
        connect.start();
        connect.assertions().assertAtLeastNumWorkersAreUp(1, "Connect worker did not start");
        producer = connect.kafka().createProducer(Map.of());
    }

    @AfterAll
    static void stopConnect() {
        if (producer != null) {
            producer.close();
        }
        if (connect != null) {
            connect.stop();
        }
    }

    @AfterEach
    void cleanUp() {
        connectors.forEach(connect::deleteConnector);
        stub.close();
    }

    @Test
    void loadsTheConnectorFromThePackagedPluginOnly() throws Exception {
        assertThatThrownBy(() -> Class.forName(CONNECTOR_CLASS))
                .as("the connector must come from plugin.path, not the test classpath")
                .isInstanceOf(ClassNotFoundException.class);

        String plugins = connect.requestGet(connect.endpointForResource("connector-plugins"))
                .getEntity()
                .toString();

        JsonNode novu = StreamSupport.stream(JSON.readTree(plugins).spliterator(), false)
                .filter(plugin -> plugin.path("class").asText().equals(CONNECTOR_CLASS))
                .findFirst()
                .orElseThrow(() -> new AssertionError("plugin not listed: " + plugins));
        assertThat(novu.path("type").asText()).isEqualTo("sink");
        assertThat(novu.path("version").asText()).isEqualTo(System.getProperty("project.version"));
    }

    @Test
    void rejectsInvalidConfigurationNamingTheKey() throws Exception {
        Map<String, String> outOfRange = connectorConfig("validation-topic", Map.of("batch.max.size", "500"));
        Map<String, String> inconsistent =
                connectorConfig("validation-topic", Map.of("retry.backoff.ms", "5000", "retry.backoff.max.ms", "10"));

        assertThat(validationErrors(outOfRange)).containsOnlyKeys("batch.max.size");
        assertThat(validationErrors(inconsistent)).containsOnlyKeys("retry.backoff.max.ms");
        assertThat(validationErrors(inconsistent).get("retry.backoff.max.ms")).contains("retry.backoff.ms");
    }

    @Test
    void resolvesNoEnvironmentVariableOutsideTheAllowlistWhenValidating() throws Exception {
        Map<String, String> environment = System.getenv();
        assertThat(environment).containsKeys("PATH", "NOVU_API_KEY");
        Map<String, String> config = connectorConfig("validation-topic", Map.of());
        config.put("novu.api.url", "${env:PATH}");
        config.put("novu.workflow.id", "${env:HOME}");
        config.put("novu.api.key", "${env:NOVU_API_KEY}");

        JsonNode response = validate(config);

        // Left as written: the provider does not hand out PATH or HOME, so there is nothing to leak.
        assertThat(configValue(response, "novu.api.url").path("value").asText()).isEqualTo("${env:PATH}");
        assertThat(configValue(response, "novu.workflow.id").path("value").asText())
                .isEqualTo("${env:HOME}");
        assertThat(response.toString()).doesNotContain(environment.get("PATH"));
        if (environment.get("HOME") != null && environment.get("HOME").length() > 1) {
            assertThat(response.toString()).doesNotContain("\"" + environment.get("HOME") + "\"");
        }
        // The allowlisted variable is resolved, and the password type keeps it hidden.
        assertThat(configValue(response, "novu.api.key").path("value").asText()).isEqualTo("[hidden]");
        assertThat(response.toString()).doesNotContain(environment.get("NOVU_API_KEY"));
    }

    @Test
    void quotesNoResolvedValueInValidationMessages() throws Exception {
        String key = System.getenv("NOVU_API_KEY");
        Map<String, String> config = connectorConfig("validation-topic", Map.of());
        // The attack the issue describes: an allowlisted secret put into fields that are no passwords.
        config.put("novu.api.url", "${env:NOVU_API_KEY}");
        config.put("batch.max.size", "${env:NOVU_API_KEY}");
        config.put("http.timeout.ms", "${env:NOVU_API_KEY}");

        JsonNode response = validate(config);

        Map<String, String> errors = errorsByKey(response);
        assertThat(errors).containsKeys("novu.api.url", "batch.max.size", "http.timeout.ms");
        errors.forEach((name, messages) -> assertThat(messages).as(name).doesNotContain(key));
    }

    private JsonNode validate(Map<String, String> connectorConfig) throws Exception {
        Map<String, String> config = new HashMap<>(connectorConfig);
        config.put("name", "validation-only");
        String response = connect.requestPut(
                        connect.endpointForResource("connector-plugins/NovuSinkConnector/config/validate"),
                        JSON.writeValueAsString(config))
                .getEntity()
                .toString();
        return JSON.readTree(response);
    }

    private static JsonNode configValue(JsonNode validation, String name) {
        for (JsonNode entry : validation.path("configs")) {
            if (entry.path("value").path("name").asText().equals(name)) {
                return entry.path("value");
            }
        }
        throw new AssertionError("no " + name + " in " + validation);
    }

    private static Map<String, String> errorsByKey(JsonNode validation) {
        Map<String, String> errors = new HashMap<>();
        for (JsonNode entry : validation.path("configs")) {
            JsonNode value = entry.path("value");
            if (!value.path("errors").isEmpty()) {
                errors.put(value.path("name").asText(), value.path("errors").toString());
            }
        }
        return errors;
    }

    private Map<String, String> validationErrors(Map<String, String> connectorConfig) throws Exception {
        JsonNode response = validate(connectorConfig);
        assertThat(response.toString()).doesNotContain(stub.apiKey());
        return errorsByKey(response);
    }

    @Test
    void deliversRecordsAsExactNovuRequestsUsingTheDeployDescriptor() throws Exception {
        String topic = "exact-requests";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> config = deployDescriptorConfig();
        config.put("topics", topic);
        config.put("errors.deadletterqueue.topic.name", topic + "-dlq");
        Path secrets = Files.createTempFile("novu-secrets", ".properties");
        Files.writeString(secrets, "api.key=" + stub.apiKey() + "\n");
        config.put("novu.api.key", "${file:" + secrets + ":api.key}");
        start("exact-requests-sink", config);

        produce(
                topic,
                "{\"name\":\"email-verification\",\"to\":{\"subscriberId\":\"u1\",\"email\":\"u1@example.test\"},"
                        + "\"payload\":{\"verificationLink\":\"https://id.example/verify?token=t1\"},\"transactionId\":\"tx-given\"}",
                null);
        produce(topic, "{\"to\":{\"subscriberId\":\"u2\",\"email\":\"u2@example.test\"},\"payload\":{}}", "evt-2");
        produce(topic, "{\"to\":\"u3\"}", null);

        await().atMost(DELIVERY_TIMEOUT).until(() -> stub.acceptedEvents().size() == 3);
        List<RecordedRequest> requests = stub.requests();
        assertThat(requests).hasSize(3).allMatch(RecordedRequest::isTrigger);
        assertThat(requests.get(0).json())
                .isEqualTo(JSON.readTree("{\"name\":\"email-verification\",\"to\":{\"subscriberId\":\"u1\","
                        + "\"email\":\"u1@example.test\"},\"payload\":{\"verificationLink\":"
                        + "\"https://id.example/verify?token=t1\"},\"transactionId\":\"tx-given\"}"));
        assertThat(requests.get(1).json())
                .isEqualTo(JSON.readTree("{\"to\":{\"subscriberId\":\"u2\",\"email\":\"u2@example.test\"},"
                        + "\"payload\":{},\"name\":\"email-verification\",\"transactionId\":\"evt-2\"}"));
        assertThat(requests.get(2).json())
                .isEqualTo(JSON.readTree(
                        "{\"to\":\"u3\",\"name\":\"email-verification\",\"transactionId\":\"exact-requests-0-2\"}"));
        for (RecordedRequest request : requests) {
            assertThat(request.header("Authorization")).contains("ApiKey " + stub.apiKey());
            assertThat(request.header("Content-Type")).contains("application/json");
            assertThat(request.header("Idempotency-Key"))
                    .contains(request.json().path("transactionId").asText());
            assertThat(request.header("User-Agent"))
                    .hasValueSatisfying(agent -> assertThat(agent)
                            .startsWith("gopherpay-novu-sink-connector/" + System.getProperty("project.version")));
        }
        // Connect returns raw task configs over REST; the config provider keeps the placeholder there, not the key.
        assertThat(taskConfigsText("exact-requests-sink")).contains("${file:").doesNotContain(stub.apiKey());
    }

    @Test
    void groupsRecordsIntoBulkRequests() throws Exception {
        String topic = "bulk-requests";
        connect.kafka().createTopic(topic, 1);
        List<String> expected =
                IntStream.range(0, 25).mapToObj(i -> "bulk-" + i).toList();
        expected.forEach(tx -> produce(topic, "{\"to\":\"" + tx + "\",\"transactionId\":\"" + tx + "\"}", null));

        start("bulk-sink", connectorConfig(topic, Map.of("batch.max.size", "10")));

        await().atMost(DELIVERY_TIMEOUT).until(() -> stub.acceptedEvents().size() == expected.size());
        assertThat(stub.acceptedTransactionIds()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(stub.requests()).allMatch(RecordedRequest::isBulkTrigger);
        assertThat(stub.requests())
                .allSatisfy(request ->
                        assertThat(request.json().path("events").size()).isBetween(1, 10));
    }

    @Test
    void sendsBadRecordsToTheDeadLetterQueueWhileGoodOnesFlow() throws Exception {
        String topic = "dlq-flow";
        String dlq = topic + "-dlq";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> overrides = new HashMap<>();
        overrides.put("batch.max.size", "5");
        overrides.put("errors.tolerance", "all");
        overrides.put("errors.deadletterqueue.topic.name", dlq);
        overrides.put("errors.deadletterqueue.topic.replication.factor", "1");
        overrides.put("errors.deadletterqueue.context.headers.enable", "true");
        // Produced before the connector starts, so one poll likely brings all four into one bulk.
        produce(topic, "{\"to\":\"good-1\",\"transactionId\":\"good-1\"}", null);
        produce(topic, "this is not json", null);
        produce(topic, "{\"name\":\"no-such-workflow\",\"to\":\"bad-2\",\"transactionId\":\"bad-2\"}", null);
        produce(topic, "{\"to\":\"good-2\",\"transactionId\":\"good-2\"}", null);
        start("dlq-sink", connectorConfig(topic, overrides));

        await().atMost(DELIVERY_TIMEOUT).until(() -> stub.acceptedEvents().size() == 2);
        assertThat(stub.acceptedTransactionIds()).containsExactlyInAnyOrder("good-1", "good-2");
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        connect.kafka().consume(2, DELIVERY_TIMEOUT.toMillis(), dlq).forEach(dead::add);
        assertThat(dead)
                .extracting(record -> new String(record.value(), StandardCharsets.UTF_8))
                .containsExactly(
                        "this is not json",
                        "{\"name\":\"no-such-workflow\",\"to\":\"bad-2\",\"transactionId\":\"bad-2\"}");
        Map<String, String> malformed = headers(dead.get(0));
        assertThat(malformed.get("__connect.errors.topic")).isEqualTo(topic);
        assertThat(malformed.get("__connect.errors.exception.message")).contains("not JSON");
        assertThat(malformed.get("novu.error.reason")).contains("not JSON");
        Map<String, String> rejected = headers(dead.get(1));
        assertThat(rejected.get("__connect.errors.offset")).isEqualTo("2");
        // 201 with an errored bulk element, or 422 if the record happened to be sent alone.
        assertThat(rejected.get("novu.error.status")).isIn("201", "422");
        assertThat(rejected.get("novu.error.class")).isIn("novu-not-processed", "novu-rejected");
        assertThat(rejected.get("novu.error.reason")).contains("workflow_not_found");
        assertThat(rejected).doesNotContainKey("novu.error.body");
        assertThat(rejected.get("__connect.errors.exception.message"))
                .contains("workflow_not_found")
                .doesNotContain(stub.apiKey());
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("dlq-sink", 1, "the task must keep running");
    }

    @Test
    void keepsPayloadValuesOutOfEveryDeadLetterHeader() throws Exception {
        String topic = "dlq-no-payload";
        String dlq = topic + "-dlq";
        connect.kafka().createTopic(topic, 1);
        Map<String, String> overrides = new HashMap<>();
        overrides.put("errors.tolerance", "all");
        overrides.put("errors.log.enable", "true");
        overrides.put("errors.deadletterqueue.topic.name", dlq);
        overrides.put("errors.deadletterqueue.topic.replication.factor", "1");
        overrides.put("errors.deadletterqueue.context.headers.enable", "true");
        String link = "https://id.example/verify?token=dlq-secret-token-42";
        // Novu's DTO validation answer echoes the value it refused.
        stub.failNext(Fault.dtoValidation("payload.verificationLink", "verificationLink must be a URL", link));
        start("dlq-no-payload-sink", connectorConfig(topic, overrides));

        produce(topic, "{\"to\":\"u1\",\"payload\":{\"verificationLink\":\"" + link + "\"}}", null);

        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        connect.kafka().consume(1, DELIVERY_TIMEOUT.toMillis(), dlq).forEach(dead::add);
        Map<String, String> headers = headers(dead.get(0));
        assertThat(headers)
                .containsEntry("novu.error.status", "422")
                .containsEntry("novu.error.class", "novu-rejected")
                .containsEntry("novu.error.reason", "HTTP 422 Validation Error")
                .containsKey("__connect.errors.exception.message");
        assertThat(headers)
                .allSatisfy((name, value) -> assertThat(value)
                        .as(name)
                        .doesNotContain("dlq-secret-token-42")
                        .doesNotContain(stub.apiKey()));
    }

    @Test
    void deliversEverythingAfterNovuRecoversFromAnOutage() throws Exception {
        String topic = "outage";
        connect.kafka().createTopic(topic, 2);
        stub.failUntilRecovered(Fault.unavailable());
        start("outage-sink", connectorConfig(topic, Map.of("batch.max.size", "3")));
        List<String> expected =
                IntStream.range(0, 20).mapToObj(i -> "outage-" + i).toList();
        expected.forEach(tx -> produce(topic, "{\"to\":\"" + tx + "\",\"transactionId\":\"" + tx + "\"}", null));

        // Several rounds of retries ran out and Connect redelivered: the task is still running, nothing accepted.
        await().atMost(DELIVERY_TIMEOUT).until(() -> stub.requests().size() >= 12);
        assertThat(stub.acceptedEvents()).isEmpty();
        ConnectorStateInfo status = connect.connectorStatus("outage-sink");
        assertThat(status.tasks()).allSatisfy(task -> assertThat(task.state()).isEqualTo("RUNNING"));

        stub.recover();

        await().atMost(DELIVERY_TIMEOUT).until(() -> stub.acceptedEvents().size() >= expected.size());
        assertThat(stub.acceptedTransactionIds()).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void ridesOutAnOutageLongerThanOnePutWithoutAnErrorAndSkipsNothing() throws Exception {
        String topic = "long-outage";
        connect.kafka().createTopic(topic, 1);
        stub.failUntilRecovered(Fault.unavailable());
        ch.qos.logback.classic.Logger workerSinkTask = (ch.qos.logback.classic.Logger)
                org.slf4j.LoggerFactory.getLogger("org.apache.kafka.connect.runtime.WorkerSinkTask");
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> logs =
                new ch.qos.logback.core.read.ListAppender<>();
        logs.start();
        workerSinkTask.addAppender(logs);
        try {
            // Each put() may take 1.5 s; the outage outlasts several. No retry count limit: only the time budget.
            start(
                    "long-outage-sink",
                    connectorConfig(
                            topic,
                            Map.of(
                                    "max.retries", "-1",
                                    "put.timeout.ms", "1500",
                                    "novu.retry.max.duration.ms", "600000")));
            List<String> expected =
                    IntStream.range(0, 10).mapToObj(i -> "long-outage-" + i).toList();
            expected.forEach(tx -> produce(topic, "{\"to\":\"" + tx + "\",\"transactionId\":\"" + tx + "\"}", null));
            // 300 ms at most between attempts: 20 failed requests take several puts.
            await().atMost(DELIVERY_TIMEOUT).until(() -> stub.requests().size() >= 20);

            stub.recover();

            await().atMost(DELIVERY_TIMEOUT).until(() -> stub.acceptedEvents().size() >= expected.size());
            assertThat(stub.acceptedTransactionIds()).containsExactlyElementsOf(expected);
            // The puts whose budget ended returned normally and rewound: Connect never logged a RetriableException.
            assertThat(logs.list)
                    .noneMatch(event -> event.getFormattedMessage().contains("long-outage-sink")
                            && event.getFormattedMessage().contains("RetriableException"));
            assertThat(connect.connectorStatus("long-outage-sink").tasks())
                    .allSatisfy(task -> assertThat(task.state()).isEqualTo("RUNNING"));
        } finally {
            workerSinkTask.detachAppender(logs);
        }
    }

    @Test
    void losesNothingAcrossAWorkerRestartAndKeepsTransactionIds() throws Exception {
        String topic = "restart";
        connect.kafka().createTopic(topic, 1);
        start("restart-sink", connectorConfig(topic, Map.of()));
        List<String> firstHalf =
                IntStream.range(0, 10).mapToObj(i -> "restart-0-" + i).toList();
        firstHalf.forEach(tx -> produce(topic, "{\"to\":\"" + tx + "\"}", null));
        await().atMost(DELIVERY_TIMEOUT).until(() -> stub.acceptedEvents().size() == firstHalf.size());
        TopicPartition partition = new TopicPartition(topic, 0);
        // The acknowledged first half gets committed (offset.flush.interval.ms=1000).
        await().atMost(DELIVERY_TIMEOUT).until(() -> committedOffset("restart-sink", partition) == firstHalf.size());

        stub.failUntilRecovered(Fault.unavailable());
        List<String> secondHalf =
                IntStream.range(10, 20).mapToObj(i -> "restart-0-" + i).toList();
        secondHalf.forEach(tx -> produce(topic, "{\"to\":\"" + tx + "\"}", null));
        await().atMost(DELIVERY_TIMEOUT)
                .until(() -> stub.requests().stream().anyMatch(request -> request.status() == 503));
        int requestsBeforeRestart = stub.requests().size();
        // Nothing of the second half is acknowledged while Novu fails, so nothing beyond the first half is committed.
        assertThat(committedOffset("restart-sink", partition)).isEqualTo(firstHalf.size());

        connect.removeWorker();
        connect.addWorker();
        connect.assertions().assertAtLeastNumWorkersAreUp(1, "worker did not come back");
        stub.recover();

        List<String> all = new ArrayList<>(firstHalf);
        all.addAll(secondHalf);
        await().atMost(DELIVERY_TIMEOUT).until(() -> new HashSet<>(stub.acceptedTransactionIds()).containsAll(all));
        assertThat(stub.acceptedTransactionIds()).containsExactlyInAnyOrderElementsOf(all);
        List<RecordedRequest> requests = stub.requests();
        for (RecordedRequest request : requests) {
            assertThat(request.header("Idempotency-Key"))
                    .contains(request.json().path("transactionId").asText());
        }
        Set<String> sentBeforeRestart = requests.subList(0, requestsBeforeRestart).stream()
                .filter(request -> request.status() == 503)
                .map(request -> request.json().path("transactionId").asText())
                .collect(Collectors.toSet());
        Set<String> sentAfterRestart = requests.subList(requestsBeforeRestart, requests.size()).stream()
                .map(request -> request.json().path("transactionId").asText())
                .collect(Collectors.toSet());
        assertThat(sentAfterRestart)
                .as("records that failed before the restart are redelivered with the same transactionId")
                .isNotEmpty()
                .containsAll(sentBeforeRestart);
        // The stub's idempotency replay would hide a resend from acceptedTransactionIds(), so look at the requests.
        // At-least-once allows resending what was not committed (with the same key, asserted above), never what was.
        assertThat(sentAfterRestart)
                .as("records whose offsets were committed before the restart are not sent again")
                .doesNotContainAnyElementsOf(firstHalf);
    }

    /** The connector's committed offset for a partition (its consumer group is connect-<name>), -1 if none. */
    private static long committedOffset(String connector, TopicPartition partition) throws Exception {
        try (Admin admin = connect.kafka().createAdminClient()) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets("connect-" + connector)
                    .partitionsToOffsetAndMetadata()
                    .get()
                    .get(partition);
            return committed == null ? -1 : committed.offset();
        }
    }

    private void start(String name, Map<String, String> config) throws InterruptedException {
        connect.configureConnector(name, config);
        connectors.add(name);
        // The deploy descriptor runs one task per partition of email-verification (3); the other tests one.
        connect.assertions()
                .assertConnectorAndExactlyNumTasksAreRunning(
                        name, Integer.parseInt(config.getOrDefault("tasks.max", "1")), "connector did not start");
    }

    private Map<String, String> connectorConfig(String topic, Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", CONNECTOR_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", topic);
        config.put("key.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("value.converter", "org.apache.kafka.connect.storage.StringConverter");
        config.put("novu.api.url", stub.baseUrl());
        config.put("novu.api.key", stub.apiKey());
        config.put("novu.workflow.id", "email-verification");
        config.put("max.retries", "2");
        config.put("retry.backoff.ms", "50");
        config.put("retry.backoff.max.ms", "300");
        config.put("http.timeout.ms", "5000");
        config.putAll(overrides);
        return config;
    }

    /** deploy/connect's descriptor, overridden the way the local stack does. */
    private Map<String, String> deployDescriptorConfig() throws Exception {
        Path descriptor = Path.of(
                System.getProperty("project.basedir"), "..", "deploy", "connect", "email-verification-novu-sink.json");
        JsonNode json = JSON.readTree(Files.readString(descriptor));
        Map<String, String> config = new HashMap<>();
        json.path("config")
                .fields()
                .forEachRemaining(
                        field -> config.put(field.getKey(), field.getValue().asText()));
        config.put("novu.api.url", stub.baseUrl());
        config.put("novu.api.key", stub.apiKey());
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        return config;
    }

    private String taskConfigsText(String connector) {
        return connect.requestGet(connect.endpointForResource("connectors/" + connector + "/tasks"))
                .getEntity()
                .toString();
    }

    private static void produce(String topic, String value, String eventId) {
        try {
            ProducerRecord<byte[], byte[]> record =
                    new ProducerRecord<>(topic, null, value.getBytes(StandardCharsets.UTF_8));
            if (eventId != null) {
                record.headers().add("event-id", eventId.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("cannot produce to " + topic, e);
        }
    }

    private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
        Map<String, String> headers = new HashMap<>();
        for (Header header : record.headers()) {
            headers.put(
                    header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return headers;
    }
}
