package com.gopherpay.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gopherpay.benchmarks.chart.LineChart;
import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.KafkaBroker;
import com.gopherpay.localstack.StackLayout;
import com.gopherpay.localstack.connect.ConnectWorker;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Records/s from the topic to acknowledged triggers: a real broker, a real Connect worker loading the packaged plugin,
 * and a counting Novu endpoint. The topic is filled first, so the figure is the connector's drain rate.
 */
final class ConnectorThroughputBenchmark implements Benchmarks.Benchmark {

    @Override
    public void run(Options options, Results results) throws Exception {
        int records = options.integer("records", 50_000);
        int batch = options.integer("batch", 100);
        int tasks = options.integer("tasks", 1);
        Path work = Files.createTempDirectory("gopherpay-connector-bench");
        String topic = "bench-email-verification";

        try (KafkaBroker kafka = KafkaBroker.start(work.resolve("kafka"), 0);
                CountingNovuEndpoint novu = new CountingNovuEndpoint()) {
            fill(kafka.bootstrapServers(), topic, Math.max(tasks, 1), records);
            StackLayout layout = new StackLayout(StackLayout.defaultStackDirectory());
            Path config = connectorConfig(layout.connectorConfig(), work, topic, batch, tasks);

            long begin = System.nanoTime();
            novu.markStart();
            try (ConnectWorker worker = ConnectWorker.start(new ConnectWorker.Settings(
                    kafka.bootstrapServers(),
                    FreePorts.next(),
                    work.resolve("connect"),
                    layout.connectClasspath(),
                    layout.connectorPluginArchive(),
                    config,
                    URI.create(novu.baseUrl()),
                    "benchmark-key"))) {
                Instant giveUp = Instant.now().plusSeconds(600);
                while (novu.events() < records && Instant.now().isBefore(giveUp)) {
                    TimeUnit.MILLISECONDS.sleep(100); // polling the endpoint's counter until the topic is drained
                }
            }
            double total = (System.nanoTime() - begin) / 1e9;
            System.out.printf(
                    "batch.max.size %d, tasks %d: %d of %d records in %d requests; %.0f records/s while sending "
                            + "(%.1f s), %.1f s including worker start%n",
                    batch,
                    tasks,
                    novu.events(),
                    records,
                    novu.requests(),
                    novu.events() / novu.activeSeconds(),
                    novu.activeSeconds(),
                    total);
            results.chart(
                    "connector-throughput.svg",
                    new LineChart(
                                    "Records acknowledged by the Novu endpoint per second",
                                    results.subtitle(String.format(
                                            "connector: %d records, batch.max.size %d, tasks %d",
                                            records, batch, tasks)),
                                    "seconds since the Connect worker was started",
                                    "records per second")
                            .add(
                                    "batch " + batch + ", " + tasks + " task(s)",
                                    novu.timeline().points(Duration.ofNanos(System.nanoTime() - begin))));
        }
    }

    private static void fill(String bootstrap, String topic, int partitions, int records) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1)))
                    .all()
                    .get();
        }
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.LINGER_MS_CONFIG,
                20,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            for (int i = 0; i < records; i++) {
                String id = "user-" + i;
                String value = "{\"name\":\"email-verification\",\"to\":{\"subscriberId\":\"" + id
                        + "\",\"email\":\"" + id + "@example.com\",\"firstName\":\"Bench\",\"lastName\":\"Client\"},"
                        + "\"payload\":{\"verificationLink\":\"http://127.0.0.1:8080/verify-email?token=t" + i
                        + "\",\"expiresAt\":\"2030-01-01T00:00:00Z\"},\"transactionId\":\"evt-" + i + "\"}";
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, id, value);
                record.headers().add("event-id", ("evt-" + i).getBytes(StandardCharsets.UTF_8));
                producer.send(record);
            }
            producer.flush();
        }
    }

    private static Path connectorConfig(Path deployDescriptor, Path work, String topic, int batch, int tasks)
            throws Exception {
        ObjectNode descriptor = (ObjectNode) Http.JSON.readTree(deployDescriptor.toFile());
        ObjectNode config = descriptor.has("config") ? (ObjectNode) descriptor.get("config") : descriptor;
        config.put("topics", topic);
        config.put("tasks.max", String.valueOf(tasks));
        config.put("batch.max.size", String.valueOf(batch));
        Path file = work.resolve("connector.json");
        Http.JSON.writeValue(file.toFile(), descriptor);
        return file;
    }
}
