package com.gopherpay.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.localstack.StackLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster topology's three KRaft nodes as the launcher runs them, one JVM each from the packaged stack's
 * libraries: they form one cluster, a node killed with SIGKILL comes back from its own command line, no acknowledged
 * record is lost meanwhile, and close() leaves no JVM behind.
 */
class KafkaNodesIT {

    @TempDir
    Path data;

    @Test
    void threeNodeJvmsFormOneClusterAndANodeKilledComesBackFromItsOwnCommandLine() throws Exception {
        String classpath = new StackLayout(Path.of(System.getProperty("gopherpay.stack.dir"))).kafkaNodeClasspath();
        Process restarted = null;
        List<ProcessHandle> nodes = new ArrayList<>();
        try (KafkaNodes kafka =
                KafkaNodes.launch(new KafkaNodes.Settings(data.resolve("kafka"), 0, classpath, data.resolve("logs")))) {
            kafka.awaitReady(Duration.ofSeconds(180));
            assertThat(kafka.processIds()).containsOnlyKeys("Kafka node 1", "Kafka node 2", "Kafka node 3");
            kafka.processIds()
                    .values()
                    .forEach(pid -> nodes.add(ProcessHandle.of(pid).orElseThrow()));
            assertThat(nodes).allMatch(ProcessHandle::isAlive).doesNotContain(ProcessHandle.current());
            String bootstrap = kafka.bootstrapServers();
            assertThat(bootstrap.split(",")).hasSize(3);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
                admin.createTopics(List.of(new NewTopic("faults", 1, (short) 3)))
                        .all()
                        .get(30, TimeUnit.SECONDS);
                produce(bootstrap, "before the crash");

                ProcessHandle third = nodes.get(2);
                List<String> command = new ArrayList<>();
                command.add(third.info().command().orElseThrow());
                command.addAll(List.of(third.info().arguments().orElseThrow()));
                third.destroyForcibly();
                assertThat(third.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
                // Two of three: the quorum and min.insync.replicas=2 still hold.
                produce(bootstrap, "with two nodes");

                restarted = new ProcessBuilder(command)
                        .redirectErrorStream(true)
                        .redirectOutput(
                                data.resolve("logs/kafka-node-3-restarted.log").toFile())
                        .start();
                await("node 3 registered again and back in sync")
                        .atMost(Duration.ofSeconds(120))
                        .pollInterval(Duration.ofMillis(500))
                        .ignoreExceptions()
                        .until(() -> {
                            Set<Integer> ids = new HashSet<>();
                            admin.describeCluster().nodes().get().forEach(node -> ids.add(node.id()));
                            int inSync = admin.describeTopics(List.of("faults"))
                                    .allTopicNames()
                                    .get()
                                    .get("faults")
                                    .partitions()
                                    .get(0)
                                    .isr()
                                    .size();
                            return ids.equals(Set.of(1, 2, 3)) && inSync == 3;
                        });
                assertThat(consumeAll(bootstrap)).containsExactly("before the crash", "with two nodes");
            }
            restarted.destroy(); // with the launcher's nodes: one alone would wait for a quorum that is gone
        } finally {
            if (restarted != null) {
                restarted.waitFor(30, TimeUnit.SECONDS);
                restarted.destroyForcibly();
            }
        }
        assertThat(nodes).noneMatch(ProcessHandle::isAlive);
        assertThat(restarted.isAlive()).isFalse();
    }

    private static void produce(String bootstrap, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("faults", value)).get(90, TimeUnit.SECONDS);
        }
    }

    private static List<String> consumeAll(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "faults-reader");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("faults"));
            await("both records read back")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                            values.add(record.value());
                        }
                        return values.size() >= 2;
                    });
        }
        return values;
    }
}
