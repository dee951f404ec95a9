package com.gopherpay.identity;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import tools.jackson.databind.JsonNode;

/**
 * The {@code identity-events} topic as a consumer reads it, and the checks every lifecycle record must pass: valid
 * against its schema in {@code docs/events/}, readable by the CloudEvents SDK, {@code ce_*} headers that agree with
 * the value, nothing secret.
 */
public final class IdentityEvents {

    public static final String TOPIC = "identity-events";
    public static final String TYPE_PREFIX = "com.gopherpay.identity.user.";
    private static final Path SCHEMAS = Path.of("..", "docs", "events");

    private IdentityEvents() {}

    public static List<ConsumerRecord<String, String>> of(String bootstrapServers, String userId) {
        return TopicReader.read(bootstrapServers, TOPIC, record -> userId.equals(record.key()));
    }

    public static List<ConsumerRecord<String, String>> await(String bootstrapServers, String userId, int n) {
        return org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> of(bootstrapServers, userId), list -> list.size() >= n);
    }

    public static String type(ConsumerRecord<?, ?> record) {
        String type = TopicReader.header(record, "ce_type");
        return type != null && type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }

    public static JsonNode data(ConsumerRecord<String, String> record) {
        return Api.JSON.readTree(record.value()).get("data");
    }

    /** Fails unless the record is a valid lifecycle event of {@code userId} with address {@code email}. */
    public static void assertValid(ConsumerRecord<String, String> record, String userId, String email) {
        String type = TopicReader.header(record, "ce_type");
        assertThat(type).startsWith(TYPE_PREFIX);
        Schema schema = schema(type.substring(TYPE_PREFIX.length()));
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
        // Never a token, a link or a hash: only the schema's properties, and no value looks like one.
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
}
