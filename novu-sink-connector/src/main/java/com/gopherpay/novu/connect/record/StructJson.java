package com.gopherpay.novu.connect.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/** Struct (JsonConverter with schemas) to JSON, the shape JsonConverter's schemaless mode would have produced. */
final class StructJson {

    private StructJson() {}

    static ObjectNode toJson(ObjectMapper json, Struct struct) {
        ObjectNode node = json.createObjectNode();
        for (Field field : struct.schema().fields()) {
            Object value = struct.get(field);
            if (value != null) {
                node.set(field.name(), value(json, value));
            }
        }
        return node;
    }

    private static JsonNode value(ObjectMapper json, Object value) {
        JsonNodeFactory nodes = json.getNodeFactory();
        if (value == null) {
            return nodes.nullNode();
        } else if (value instanceof Struct struct) {
            return toJson(json, struct);
        } else if (value instanceof Map<?, ?> map) {
            ObjectNode node = nodes.objectNode();
            map.forEach((key, entry) -> node.set(String.valueOf(key), value(json, entry)));
            return node;
        } else if (value instanceof Collection<?> list) {
            ArrayNode node = nodes.arrayNode();
            list.forEach(entry -> node.add(value(json, entry)));
            return node;
        } else if (value instanceof byte[] bytes) {
            return nodes.textNode(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            return nodes.textNode(Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof BigDecimal decimal) {
            return nodes.numberNode(decimal);
        } else if (value instanceof Date date) {
            return nodes.textNode(date.toInstant().toString());
        }
        return json.valueToTree(value);
    }
}
