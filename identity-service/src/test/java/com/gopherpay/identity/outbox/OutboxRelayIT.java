package com.gopherpay.identity.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.identity.IdentityServiceTestBase;
import com.gopherpay.identity.TopicReader;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.OffsetDateTime;
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

    @Test
    void twoRelayInstancesNeverPublishOneRowTwice() throws Exception {
        String key = "relay-test-" + UUID.randomUUID();
        int rows = 300;
        List<UUID> ids = new ArrayList<>();
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < rows; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id);
                jdbc.sql("INSERT INTO identity.outbox (id, topic, record_key, event_type, payload, created_at)"
                                + " VALUES (?, ?, ?, 'RelayTest', ?, ?)")
                        .params(id, TOPIC, key, "{\"n\":" + i + "}", OffsetDateTime.now())
                        .update();
            }
        });

        // Two more relays, each with its own producer, racing each other and the service's own relay.
        try (Admin admin = new KafkaClients().kafkaAdmin(kafka);
                Producer<String, byte[]> first = new KafkaClients().outboxProducer(kafka);
                Producer<String, byte[]> second = new KafkaClients().outboxProducer(kafka)) {
            List<OutboxRelay> relays = List.of(relay(admin, first), relay(admin, second));
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<CompletableFuture<Void>> runs = new ArrayList<>();
                for (OutboxRelay relay : relays) {
                    runs.add(CompletableFuture.runAsync(() -> drain(relay, key), pool));
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

    private void drain(OutboxRelay relay, String key) {
        while (remaining(key) > 0) {
            relay.sweep();
        }
    }

    private int remaining(String key) {
        return jdbc.sql("SELECT count(*) FROM identity.outbox WHERE record_key = ?")
                .param(key)
                .query(Integer.class)
                .single();
    }

    private OutboxRelay relay(Admin admin, Producer<String, byte[]> producer) {
        OutboxProperties small =
                new OutboxProperties(Duration.ofSeconds(1), 25, 100, Duration.ofSeconds(30), Duration.ofSeconds(10));
        return new OutboxRelay(
                jdbc,
                transactions,
                producer,
                new NotificationTopic(admin, kafka, Duration.ofHours(1)),
                small,
                kafka,
                new OutboxMetrics(new SimpleMeterRegistry(), clock));
    }
}
