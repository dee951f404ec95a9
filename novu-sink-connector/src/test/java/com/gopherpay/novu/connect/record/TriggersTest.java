package com.gopherpay.novu.connect.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class TriggersTest {

    private static final String TRIGGER =
            "{\"name\":\"welcome\",\"to\":{\"subscriberId\":\"u1\",\"email\":\"a@example.test\"},\"payload\":{\"x\":1}}";

    private final Triggers triggers = new Triggers(new ObjectMapper(), "email-verification", "event-id");

    private static SinkRecord record(Object value) {
        return new SinkRecord("email-verification", 2, null, "key", null, value, 42);
    }

    @Test
    void readsJsonStringValueAsIs() {
        Trigger trigger = triggers.from(record(TRIGGER));

        assertThat(trigger.body().path("name").asText()).isEqualTo("welcome");
        assertThat(trigger.body().path("to").path("email").asText()).isEqualTo("a@example.test");
        assertThat(trigger.body().path("payload").path("x").asInt()).isEqualTo(1);
    }

    @Test
    void readsJsonBytes() {
        assertThat(triggers.from(record(TRIGGER.getBytes(StandardCharsets.UTF_8)))
                        .body()
                        .path("name")
                        .asText())
                .isEqualTo("welcome");
    }

    @Test
    void readsSchemalessMapFromJsonConverter() {
        Trigger trigger = triggers.from(record(Map.of("to", "u1", "payload", Map.of("tags", List.of("a", "b")))));

        assertThat(trigger.body().path("name").asText()).isEqualTo("email-verification");
        assertThat(trigger.body().path("payload").path("tags").get(1).asText()).isEqualTo("b");
    }

    @Test
    void readsStructFromJsonConverterWithSchemas() {
        Schema toSchema = SchemaBuilder.struct()
                .field("subscriberId", Schema.STRING_SCHEMA)
                .field("email", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Schema schema = SchemaBuilder.struct()
                .field("name", Schema.OPTIONAL_STRING_SCHEMA)
                .field("to", toSchema)
                .field("payload", SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.STRING_SCHEMA))
                .build();
        Struct value = new Struct(schema)
                .put("to", new Struct(toSchema).put("subscriberId", "u1").put("email", "a@example.test"))
                .put("payload", Map.of("verificationLink", "https://x.example/v"));

        Trigger trigger = triggers.from(record(value));

        assertThat(trigger.body().path("name").asText()).isEqualTo("email-verification");
        assertThat(trigger.body().path("to").path("subscriberId").asText()).isEqualTo("u1");
        assertThat(trigger.body().path("payload").path("verificationLink").asText())
                .isEqualTo("https://x.example/v");
    }

    @Test
    void fillsMissingNameWithDefaultWorkflow() {
        assertThat(triggers.from(record("{\"to\":\"u1\"}")).body().path("name").asText())
                .isEqualTo("email-verification");
    }

    @Test
    void keepsTransactionIdOfTheValue() {
        Trigger trigger = triggers.from(record("{\"to\":\"u1\",\"transactionId\":\"tx-given\"}"));

        assertThat(trigger.transactionId()).isEqualTo("tx-given");
    }

    @Test
    void takesMissingTransactionIdFromEventIdHeader() {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString("event-id", "0190f3b0-0000-7000-8000-000000000001");
        SinkRecord record =
                new SinkRecord("email-verification", 0, null, null, null, "{\"to\":\"u1\"}", 7, null, null, headers);

        Trigger trigger = triggers.from(record);

        assertThat(trigger.transactionId()).isEqualTo("0190f3b0-0000-7000-8000-000000000001");
        assertThat(trigger.body().path("transactionId").asText()).isEqualTo(trigger.transactionId());
    }

    @Test
    void derivesMissingTransactionIdFromTopicPartitionOffset() {
        Trigger first = triggers.from(record("{\"to\":\"u1\"}"));
        Trigger redelivered = triggers.from(record("{\"to\":\"u1\"}"));

        assertThat(first.transactionId()).isEqualTo("email-verification-2-42");
        assertThat(redelivered.transactionId()).isEqualTo(first.transactionId());
    }

    @Test
    void rejectsValueThatIsNotJson() {
        assertThatThrownBy(() -> triggers.from(record("hello")))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("email-verification-2@42")
                .hasMessageContaining("not JSON");
    }

    @Test
    void doesNotQuoteTheRecordWhenItIsNotJson() {
        assertThatThrownBy(() -> triggers.from(record("{\"to\":\"u1\",\"payload\":https://v?token=tok-secret}")))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("not JSON (line 1, column")
                .hasMessageNotContaining("tok-secret")
                .hasNoCause();
    }

    @Test
    void turnsUnforeseenFailuresIntoMalformedRecords() {
        ConnectHeaders unreadable = new ConnectHeaders() {
            @Override
            public Header lastWithName(String key) {
                throw new IllegalStateException("header store broken");
            }
        };
        SinkRecord record = new SinkRecord(
                "email-verification",
                2,
                null,
                null,
                null,
                "{\"to\":\"u1\"}",
                42,
                null,
                TimestampType.NO_TIMESTAMP_TYPE,
                unreadable);

        assertThatThrownBy(() -> triggers.from(record))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("email-verification-2@42")
                .hasCauseInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsJsonThatIsNotAnObject() {
        assertThatThrownBy(() -> triggers.from(record("[1,2]")))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("not a JSON object");
    }

    @Test
    void rejectsTriggerWithoutRecipient() {
        assertThatThrownBy(() -> triggers.from(record("{\"name\":\"welcome\"}")))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("no recipient");
    }

    @Test
    void rejectsTombstone() {
        assertThatThrownBy(() -> triggers.from(record(null)))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("tombstone");
    }

    @Test
    void rejectsTriggerWithoutWorkflowWhenNoDefaultIsConfigured() {
        Triggers withoutDefault = new Triggers(new ObjectMapper(), null, "event-id");

        assertThatThrownBy(() -> withoutDefault.from(record("{\"to\":\"u1\"}")))
                .isInstanceOf(MalformedRecordException.class)
                .hasMessageContaining("novu.workflow.id");
    }
}
