package com.gopherpay.novu.connect.record;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns records into Novu trigger bodies. The value may be a JSON string, JSON bytes, a schemaless map or a Struct.
 * The default workflow fills a missing {@code name}; a missing {@code transactionId} is derived deterministically from
 * the record, so a redelivered record is recognisably the same trigger.
 */
public final class Triggers {

    private final ObjectMapper json;
    private final String defaultWorkflowId;
    private final String transactionIdHeader;

    public Triggers(ObjectMapper json, String defaultWorkflowId, String transactionIdHeader) {
        this.json = json;
        this.defaultWorkflowId = defaultWorkflowId;
        this.transactionIdHeader = transactionIdHeader;
    }

    /**
     * The trigger for a record; throws {@link MalformedRecordException} when the record cannot be one, also for
     * failures nobody foresaw: they belong to this record, and failing the task would redeliver it forever.
     */
    public Trigger from(SinkRecord record) {
        try {
            return convert(record);
        } catch (MalformedRecordException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new MalformedRecordException(
                    "Record " + describe(record) + " cannot be turned into a Novu trigger ("
                            + e.getClass().getName() + ")",
                    e);
        }
    }

    private Trigger convert(SinkRecord record) {
        ObjectNode body = body(record);
        JsonNode name = body.get("name");
        if (name == null || name.isNull() || (name.isTextual() && name.asText().isBlank())) {
            if (defaultWorkflowId == null) {
                throw new MalformedRecordException("Record " + describe(record)
                        + " has no workflow: the value has no 'name' and novu.workflow.id is not set");
            }
            body.put("name", defaultWorkflowId);
        } else if (!name.isTextual()) {
            throw new MalformedRecordException("Record " + describe(record) + " has a non-string 'name'");
        }
        JsonNode to = body.get("to");
        if (to == null || to.isNull() || (to.isContainerNode() && to.isEmpty())) {
            throw new MalformedRecordException("Record " + describe(record) + " has no recipient ('to')");
        }
        JsonNode given = body.get("transactionId");
        String transactionId;
        if (given == null || given.isNull() || given.asText().isBlank()) {
            transactionId = derivedTransactionId(record);
            body.put("transactionId", transactionId);
        } else if (given.isTextual()) {
            transactionId = given.asText();
        } else {
            throw new MalformedRecordException("Record " + describe(record) + " has a non-string 'transactionId'");
        }
        return new Trigger(record, body, transactionId);
    }

    private ObjectNode body(SinkRecord record) {
        Object value = record.value();
        JsonNode node;
        if (value == null) {
            throw new MalformedRecordException("Record " + describe(record) + " has no value (tombstone)");
        } else if (value instanceof String text) {
            node = parse(record, text.getBytes(StandardCharsets.UTF_8));
        } else if (value instanceof byte[] bytes) {
            node = parse(record, bytes);
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            node = parse(record, bytes);
        } else if (value instanceof Struct struct) {
            node = StructJson.toJson(json, struct);
        } else if (value instanceof Map<?, ?> map) {
            try {
                node = json.valueToTree(map);
            } catch (IllegalArgumentException e) {
                throw new MalformedRecordException(
                        "Record " + describe(record) + " has a map value that is not JSON-compatible", e);
            }
        } else {
            throw new MalformedRecordException("Record " + describe(record) + " has an unsupported value type "
                    + value.getClass().getName() + "; use StringConverter, ByteArrayConverter or JsonConverter");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new MalformedRecordException(
                    "Record " + describe(record) + " is not a JSON object but " + node.getNodeType());
        }
        return object;
    }

    private JsonNode parse(SinkRecord record, byte[] bytes) {
        try {
            return json.readTree(bytes);
        } catch (java.io.IOException e) {
            // Only the position: Jackson's message and the exception itself quote the offending text, which could be
            // a secret (e.g. an unquoted verification link), and Connect logs both.
            JsonLocation at = e instanceof JsonProcessingException parse ? parse.getLocation() : null;
            throw new MalformedRecordException("Record " + describe(record) + " is not JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
    }

    private String derivedTransactionId(SinkRecord record) {
        Header header = record.headers().lastWithName(transactionIdHeader);
        if (header != null && header.value() != null) {
            Object value = header.value();
            String text = value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : value.toString();
            if (!text.isBlank()) {
                return text.trim();
            }
        }
        return record.originalTopic() + "-" + record.originalKafkaPartition() + "-" + record.originalKafkaOffset();
    }

    /** {@code topic-partition@offset} of the original record: how messages name a record. */
    public static String describe(SinkRecord record) {
        return record.originalTopic() + "-" + record.originalKafkaPartition() + "@" + record.originalKafkaOffset();
    }
}
