package com.gopherpay.identity.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import com.gopherpay.identity.TopicReader;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The running service meets a record Kafka refuses for good (larger than its topic takes): after the configured two
 * attempts it is FAILED with its error, counted, shown by the health endpoint, its payload is dropped (only its size
 * stays), and the records written with it are published all the same.
 */
class OutboxFailedIT extends IdentityServiceTestBase {

    @Autowired
    Outbox outbox;

    @Autowired
    OutboxMessages messages;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    Admin admin;

    @Autowired
    MeterRegistry meters;

    private final List<UUID> failed = new ArrayList<>();

    @AfterEach
    void discard() {
        failed.forEach(messages::discardFailed);
    }

    @Test
    void aRecordKafkaRefusesEndsFailedCountedAndVisibleWhileTheOthersArePublished() throws Exception {
        String topic = "refusing-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1)
                        .configs(Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, "2048"))))
                .all()
                .get();
        double failedBefore = meters.get("identity.outbox.failed").counter().count();
        UUID tooLarge = UUID.randomUUID();
        failed.add(tooLarge);
        UUID tooLargeEvent = UUID.randomUUID();
        failed.add(tooLargeEvent);
        String eventPayload = "\"" + "e".repeat(4000) + "\"";
        List<UUID> others = List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID());
        String secret = "secret-link-" + "x".repeat(4000);
        transactions.executeWithoutResult(status -> {
            outbox.append(
                    new OutboxRecord(tooLarge, topic, "refused", "RelayTest", "\"" + secret + "\"", Map.of(), true));
            outbox.append(new OutboxRecord(tooLargeEvent, topic, "refused", "RelayTest", eventPayload));
            others.forEach(id -> outbox.append(new OutboxRecord(id, topic, "refused", "RelayTest", "{}")));
        });

        OutboxMessages.MessageState state = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> messages.state(tooLarge).orElseThrow(),
                        s -> s.status().equals("FAILED"));
        assertThat(state.attempts()).isEqualTo(2);
        assertThat(state.lastError())
                .startsWith("org.apache.kafka.common.errors.RecordTooLargeException")
                .doesNotContain("secret-link");
        assertThat(TopicReader.read(bootstrapServers(), topic, record -> true).stream()
                        .map(record -> UUID.fromString(TopicReader.header(record, "event-id"))))
                .containsExactlyInAnyOrderElementsOf(others);
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        messages.state(tooLargeEvent).orElseThrow().status().equals("FAILED"));
        assertThat(meters.get("identity.outbox.failed").counter().count()).isEqualTo(failedBefore + 2);
        // Nothing will publish it again, so the row no longer holds a secret payload (an email's carries a live
        // link); a payload without secrets (a lifecycle event) stays, for an operator to send again.
        assertThat(storedPayload(tooLarge)).isEqualTo(Map.entry("", secret.length() + 2));
        assertThat(storedPayload(tooLargeEvent)).isEqualTo(Map.entry(eventPayload, eventPayload.length()));

        Api management = new Api(managementPort);
        JsonNode health = management.get("/actuator/health/outbox").json();
        assertThat(health.get("status").asString()).isEqualTo("UP");
        assertThat(health.get("details").get("failed").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(health.get("details").get("latestFailures").valueStream()).anySatisfy(failure -> {
            assertThat(failure.get("id").asString()).isEqualTo(tooLarge.toString());
            assertThat(failure.get("attempts").asInt()).isEqualTo(2);
            assertThat(failure.get("lastError").asString()).isEqualTo(state.lastError());
        });
        assertThat(health.toString()).doesNotContain("secret-link");
        // The gauge follows at the next sweep.
        await().atMost(Duration.ofSeconds(10))
                .until(
                        () -> management.get("/actuator/prometheus").body(),
                        body -> body.lines()
                                .anyMatch(line ->
                                        line.startsWith("identity_outbox_failed_rows ") && !line.endsWith(" 0.0")));
        assertThat(management.get("/actuator/prometheus").body()).contains("identity_outbox_failed_total");
    }

    private Map.Entry<String, Integer> storedPayload(UUID id) {
        return jdbc.sql("SELECT payload, payload_bytes FROM outbox WHERE id = ?")
                .param(id)
                .query((rs, row) -> Map.entry(rs.getString("payload"), rs.getInt("payload_bytes")))
                .single();
    }
}
