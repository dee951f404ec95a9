package com.gopherpay.identity.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import com.gopherpay.identity.TopicReader;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.cloudevents.CloudEvent;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The lifecycle events as a consumer sees them: read back from {@code identity-events}, each valid against its schema
 * in {@code docs/events/}, readable by the CloudEvents SDK, with {@code ce_*} headers that agree with the value.
 */
class LifecycleEventsIT extends IdentityServiceTestBase {

    private static final String EVENTS = "identity-events";
    private static final Path SCHEMAS = Path.of("..", "docs", "events");

    @Test
    void registrationAndVerificationEmitSchemaValidCloudEventsInOrderOnTheUsersKey() {
        String email = Api.uniqueEmail("lifecycle");
        String userId = register(email);
        String token = awaitToken(userId, 1);
        assertThat(api().post("/auth/verify-email", Api.verification(token)).status())
                .isEqualTo(200);

        List<ConsumerRecord<String, String>> records = awaitEvents(userId, 2);

        assertThat(records)
                .extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly(
                        "com.gopherpay.identity.user.registered", "com.gopherpay.identity.user.email-verified");
        assertThat(records)
                .extracting(ConsumerRecord::partition)
                .containsOnly(records.get(0).partition());
        records.forEach(record -> assertIsAValidEvent(record, userId, email));
        JsonNode verified = Api.JSON.readTree(records.get(1).value()).get("data");
        assertThat(Instant.parse(verified.get("verifiedAt").asString())).isNotNull();
    }

    @Test
    void aNewPasswordChosenWhileConfirmingTheAddressEmitsPasswordChanged() {
        String email = Api.uniqueEmail("lifecycle-new-password");
        String userId = register(email);
        String token = awaitToken(userId, 1);
        Api.Response verified = api().post(
                        "/auth/verify-email",
                        Map.of("token", token, "newPassword", "an entirely different passphrase"));
        assertThat(verified.status()).as(verified.body()).isEqualTo(200);

        List<ConsumerRecord<String, String>> records = awaitEvents(userId, 3);

        assertThat(records)
                .extracting(r -> TopicReader.header(r, "ce_type"))
                .containsExactly(
                        "com.gopherpay.identity.user.registered",
                        "com.gopherpay.identity.user.password-changed",
                        "com.gopherpay.identity.user.email-verified");
        records.forEach(record -> assertIsAValidEvent(record, userId, email));
    }

    @Test
    void aTakenAddressEmitsNoEvent() {
        String email = Api.uniqueEmail("lifecycle-duplicate");
        String userId = register(email);
        awaitEvents(userId, 1);
        assertThat(api().post("/auth/register", Api.registration(email)).status())
                .isEqualTo(409);
        // The verification topic is drained for this user, so the duplicate's transaction is long committed.
        await().atMost(Duration.ofSeconds(10)).until(() -> outboxPending(userId) == 0);
        assertThat(events(userId)).hasSize(1);
    }

    private void assertIsAValidEvent(ConsumerRecord<String, String> record, String userId, String email) {
        String type = TopicReader.header(record, "ce_type");
        assertThat(type).startsWith(IdentityEvent.TYPE_PREFIX);
        Schema schema = schema(type.substring(IdentityEvent.TYPE_PREFIX.length()));
        JsonNode value = Api.JSON.readTree(record.value());
        assertThat(schema.validate(value, context -> context.executionConfig(c -> c.formatAssertionsEnabled(true))))
                .as(record.value())
                .isEmpty();

        assertThat(record.key()).isEqualTo(userId);
        assertThat(TopicReader.header(record, "content-type")).startsWith("application/cloudevents+json");
        for (String attribute : List.of("specversion", "id", "source", "type", "subject", "time")) {
            assertThat(TopicReader.header(record, "ce_" + attribute))
                    .as(attribute)
                    .isEqualTo(value.get(attribute).asString());
        }
        assertThat(TopicReader.header(record, "event-id"))
                .isEqualTo(value.get("id").asString());

        CloudEvent event = KafkaMessageFactory.createReader(
                        record.headers(), record.value().getBytes(StandardCharsets.UTF_8))
                .toEvent();
        assertThat(event.getSpecVersion().toString()).isEqualTo("1.0");
        assertThat(event.getId()).isEqualTo(value.get("id").asString());
        assertThat(event.getType()).isEqualTo(type);
        assertThat(event.getSubject()).isEqualTo(userId);
        assertThat(event.getSource().toString()).isEqualTo("urn:gopherpay:identity-service");
        assertThat(event.getDataContentType()).isEqualTo("application/json");
        JsonNode data = Api.JSON.readTree(event.getData().toBytes());
        assertThat(data.get("userId").asString()).isEqualTo(userId);
        assertThat(data.get("email").asString()).isEqualTo(email);
        // Never a token, a link or a hash: only the schema's properties, and no value looks like a link.
        assertThat(record.value())
                .doesNotContain("http")
                .doesNotContain("argon2")
                .doesNotContain("token");
    }

    private static Schema schema(String name) {
        try {
            String text = Files.readString(SCHEMAS.resolve(name + ".schema.json"));
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(text);
        } catch (IOException e) {
            throw new AssertionError("No schema for " + name + " in " + SCHEMAS.toAbsolutePath(), e);
        }
    }

    private long outboxPending(String userId) {
        return jdbc.sql("SELECT count(*) FROM identity.outbox WHERE record_key = ? AND status = 'PENDING'")
                .param(userId)
                .query(Long.class)
                .single();
    }

    private static List<ConsumerRecord<String, String>> awaitEvents(String userId, int n) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> events(userId), list -> list.size() >= n);
    }

    private static List<ConsumerRecord<String, String>> events(String userId) {
        return TopicReader.read(bootstrapServers(), EVENTS, record -> userId.equals(record.key()));
    }
}
