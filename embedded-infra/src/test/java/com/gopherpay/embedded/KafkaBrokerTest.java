package com.gopherpay.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerTest {

    @TempDir
    Path logDirectory;

    @Test
    void keepsRecordsAndPortAcrossStopAndRestart() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(logDirectory, 0)) {
            String bootstrap = broker.bootstrapServers();
            produce(bootstrap, "before-restart");

            broker.stop();
            assertThat(broker.isRunning()).isFalse();
            assertThat(FreePorts.inUse(broker.port())).isFalse();

            broker.restart();
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            produce(bootstrap, "after-restart");

            assertThat(consumeAll(bootstrap, 2)).containsExactly("before-restart", "after-restart");
        }
    }

    @Test
    void refusesAPortThatIsAlreadyTaken() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> KafkaBroker.start(logDirectory, taken.getLocalPort()))
                    .hasMessageContaining("already in use");
        }
    }

    @Test
    void releasesItsPortsAndThreadsWhenARestartFails() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(logDirectory, 0)) {
            broker.stop();
            Set<Thread> before = nonDaemonThreads();
            try (ServerSocket taken = new ServerSocket(broker.port(), 1, InetAddress.getLoopbackAddress())) {
                assertThatThrownBy(broker::restart).isInstanceOf(RuntimeException.class);
            }

            assertThat(broker.isRunning()).isFalse();
            Awaitility.await("the half-started broker's controller and threads gone")
                    .atMost(Duration.ofSeconds(20))
                    .pollInSameThread() // Awaitility's own poller thread would count as a leftover
                    .untilAsserted(() -> {
                        assertThat(FreePorts.inUse(broker.controllerPort())).isFalse();
                        assertThat(nonDaemonThreads()).isSubsetOf(before);
                    });

            broker.restart();
            produce(broker.bootstrapServers(), "after-failed-restart");
        }
    }

    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon())
                .collect(Collectors.toSet());
    }

    private static void produce(String bootstrap, String value) throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG,
                StringSerializer.class);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>("probe", "key", value)).get();
        }
    }

    private static List<String> consumeAll(String bootstrap, int expected) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG,
                "probe-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class);
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            consumer.subscribe(List.of("probe"));
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }
}
