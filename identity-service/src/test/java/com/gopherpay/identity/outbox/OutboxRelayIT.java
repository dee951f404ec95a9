package com.gopherpay.identity.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.identity.IdentityServiceTestBase;
import com.gopherpay.identity.TopicReader;
import com.gopherpay.identity.kafka.KafkaClients;
import com.gopherpay.identity.kafka.KafkaProperties;
import com.gopherpay.identity.kafka.NotificationTopic;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.Producer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

class OutboxRelayIT extends IdentityServiceTestBase {

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    KafkaProperties kafka;

    @Autowired
    OutboxMessages messages;

    @Test
    void twoRelayInstancesNeverPublishOneRowTwice() throws Exception {
        String key = "relay-test-" + UUID.randomUUID();
        int rows = 300;
        List<UUID> ids = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < rows; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                messages.insert(
                        new OutboxRecord(id, TOPIC, key, "RelayTest", "{\"n\":" + i + "}"), null, Instant.now());
            }
        });

        // Two more relays, each with its own producer, racing each other and the service's own relay.
        try (Admin admin = new KafkaClients().kafkaAdmin(kafka);
                Producer<String, byte[]> first = new KafkaClients().outboxProducer(kafka);
                Producer<String, byte[]> second = new KafkaClients().outboxProducer(kafka)) {
            List<OutboxPublisher> relays = List.of(relay(admin, first), relay(admin, second));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<CompletableFuture<Void>> runs = new ArrayList<>();
                for (OutboxPublisher relay : relays) {
                    OutboxSweeper sweeper = new OutboxSweeper(relay, messages, SMALL);
                    runs.add(CompletableFuture.runAsync(() -> drain(sweeper, key), pool));
                    runs.add(CompletableFuture.runAsync(() -> relay.publish(ids), pool));
                }
                CompletableFuture.allOf(runs.toArray(CompletableFuture[]::new)).get();
            } finally {
                pool.shutdownNow();
            }
        }

        await().atMost(Duration.ofSeconds(30)).until(() -> remaining(key) == 0);
        var records = TopicReader.read(bootstrapServers(), TOPIC, record -> key.equals(record.key()));
        Collection<Long> perEvent = records.stream()
                .collect(Collectors.groupingBy(record -> TopicReader.header(record, "event-id"), Collectors.counting()))
                .values();
        assertThat(records).hasSize(rows);
        assertThat(perEvent).hasSize(rows).allMatch(count -> count == 1);
        assertThat(records.stream().map(r -> TopicReader.header(r, "event-id")).map(UUID::fromString))
                .containsExactlyInAnyOrderElementsOf(ids);
    }

    private void drain(OutboxSweeper sweeper, String key) {
        while (remaining(key) > 0) {
            sweeper.sweep();
        }
    }

    private long remaining(String key) {
        return messages.pendingFor(key);
    }

    private static final OutboxProperties SMALL = new OutboxProperties(
            Duration.ofSeconds(1),
            25,
            100,
            Duration.ofSeconds(30),
            Duration.ofSeconds(10),
            5,
            Duration.ofSeconds(1),
            Duration.ZERO);

    private OutboxPublisher relay(Admin admin, Producer<String, byte[]> producer) {
        return new OutboxPublisher(
                messages,
                transactions,
                producer,
                List.of(new NotificationTopic(admin, kafka, Duration.ofHours(1))),
                SMALL,
                kafka,
                new OutboxMetrics(new SimpleMeterRegistry(), clock));
    }
}
