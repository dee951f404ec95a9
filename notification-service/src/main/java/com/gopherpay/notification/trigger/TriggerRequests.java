package com.gopherpay.notification.trigger;

import com.gopherpay.notification.subscriber.SubscriberChanges;
import com.gopherpay.notification.web.ApiError;
import com.gopherpay.notification.web.ClientText;
import com.gopherpay.notification.web.ValidationErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads trigger bodies as leniently as Novu does (unknown fields are ignored) but refuses what Novu's DTO validation
 * refuses, with its field messages; also what PostgreSQL could not store (see {@link ClientText}), so no bad input
 * ever reaches the database. A bulk request is validated whole before any of its events is accepted.
 */
@Component
class TriggerRequests {

    static final int MAX_BULK_EVENTS = 100;

    private static final Set<String> SUBSCRIBER_FIELDS =
            Set.of("email", "firstName", "lastName", "phone", "avatar", "locale", "timezone", "data");
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final JsonMapper json;

    TriggerRequests(JsonMapper json) {
        this.json = json;
    }

    TriggerEvent single(byte[] body) {
        JsonNode root = parse(body);
        ValidationErrors errors = new ValidationErrors();
        TriggerEvent event = event(root, "", errors);
        errors.throwIfAny();
        return event;
    }

    List<TriggerEvent> bulk(byte[] body) {
        JsonNode root = parse(body);
        ValidationErrors errors = new ValidationErrors();
        JsonNode events = root.get("events");
        if (events == null || events.isNull() || !events.isArray()) {
            errors.add("events", null, "events must be an array");
            errors.add("events", null, "events should not be empty");
            errors.throwIfAny();
        }
        if (events.isEmpty()) {
            errors.add("events", List.of(), "events should not be empty");
        }
        if (events.size() > MAX_BULK_EVENTS) {
            errors.add(
                    "events",
                    "Array of " + events.size() + " events",
                    "events must contain no more than " + MAX_BULK_EVENTS + " elements");
        }
        errors.throwIfAny();
        List<TriggerEvent> parsed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            parsed.add(event(events.get(i), "events." + i + ".", errors));
        }
        errors.throwIfAny();
        return parsed;
    }

    private JsonNode parse(byte[] body) {
        JsonNode root;
        try {
            root = body.length == 0 ? json.createObjectNode() : json.readTree(body);
        } catch (JacksonException e) {
            throw ApiError.http(HttpStatus.BAD_REQUEST, "Request body is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw ApiError.http(HttpStatus.BAD_REQUEST, "Request body must be a JSON object");
        }
        return root;
    }

    private TriggerEvent event(JsonNode node, String prefix, ValidationErrors errors) {
        if (node == null || !node.isObject()) {
            errors.add(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), null, "must be an object");
            return null;
        }
        rejectNul(node, prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1), errors);
        String name = null;
        JsonNode nameNode = node.get("name");
        if (nameNode == null || nameNode.isNull()) {
            errors.add(prefix + "name", null, "name should not be null or undefined");
        } else if (!nameNode.isString()) {
            errors.add(prefix + "name", value(nameNode), "name must be a string");
        } else if (nameNode.asString().isBlank()) {
            errors.add(prefix + "name", nameNode.asString(), "name should not be empty");
        } else {
            name = nameNode.asString();
        }

        List<Recipient> recipients = new ArrayList<>();
        JsonNode to = node.get("to");
        if (to == null || to.isNull()) {
            errors.add(prefix + "to", null, "to should not be null or undefined");
        } else if (to.isArray()) {
            for (int i = 0; i < to.size(); i++) {
                recipient(to.get(i), prefix + "to." + i, errors, recipients);
            }
        } else {
            recipient(to, prefix + "to", errors, recipients);
        }

        Map<String, Object> payload = Map.of();
        JsonNode payloadNode = node.get("payload");
        if (payloadNode != null && !payloadNode.isNull()) {
            if (payloadNode.isObject()) {
                payload = json.convertValue(payloadNode, MAP);
            } else {
                errors.add(prefix + "payload", value(payloadNode), "payload must be an object");
            }
        }

        String transactionId = null;
        JsonNode transactionNode = node.get("transactionId");
        if (transactionNode != null && !transactionNode.isNull()) {
            if (transactionNode.isString() && !transactionNode.asString().isBlank()) {
                transactionId = transactionNode.asString();
                ClientText.checkIdLength(prefix + "transactionId", transactionId, errors);
            } else {
                errors.add(prefix + "transactionId", value(transactionNode), "transactionId must be a string");
            }
        }

        JsonNode overridesNode = node.get("overrides");
        Object overrides = overridesNode == null || overridesNode.isNull() ? null : value(overridesNode);
        JsonNode tenant = node.get("tenant");
        boolean tenantGiven = tenant != null && !tenant.isNull();
        return new TriggerEvent(name, recipients, payload, transactionId, overrides, tenantGiven);
    }

    private void recipient(JsonNode node, String field, ValidationErrors errors, List<Recipient> recipients) {
        if (node.isString()) {
            if (node.asString().isBlank()) {
                errors.add(field, node.asString(), "subscriberId should not be empty");
            } else {
                ClientText.checkIdLength(field, node.asString(), errors);
                recipients.add(new Recipient.Reference(node.asString()));
            }
            return;
        }
        if (!node.isObject()) {
            errors.add(field, value(node), "to must be a subscriberId, a subscriber object or a topic");
            return;
        }
        JsonNode type = node.get("type");
        if (type != null && "Topic".equals(type.asString(""))) {
            recipients.add(new Recipient.Topic(node.path("topicKey").asString("")));
            return;
        }
        JsonNode subscriberId = node.get("subscriberId");
        if (subscriberId == null || subscriberId.isNull() || !(subscriberId.isString() || subscriberId.isNumber())) {
            errors.add(field + ".subscriberId", value(subscriberId), "subscriberId should not be null or undefined");
            return;
        }
        String id = subscriberId.asString();
        if (id.isBlank()) {
            errors.add(field + ".subscriberId", id, "subscriberId should not be empty");
            return;
        }
        ClientText.checkIdLength(field + ".subscriberId", id, errors);
        Map<String, Object> fields = new LinkedHashMap<>();
        for (String name : SUBSCRIBER_FIELDS) {
            if (!node.has(name)) {
                continue;
            }
            JsonNode fieldNode = node.get(name);
            if (fieldNode.isNull()) {
                fields.put(name, null);
            } else if ("data".equals(name)) {
                if (fieldNode.isObject()) {
                    fields.put(name, json.convertValue(fieldNode, MAP));
                } else {
                    errors.add(field + ".data", value(fieldNode), "data must be an object");
                }
            } else if ("email".equals(name)) {
                String problem = fieldNode.isString() ? EmailAddresses.problem(fieldNode.asString()) : null;
                if (!fieldNode.isString()) {
                    errors.add(field + ".email", value(fieldNode), "email must be a string");
                } else if (problem != null) {
                    // The value is not echoed: a refused address may hold anything, CR/LF included.
                    errors.add(field + ".email", null, problem);
                } else {
                    fields.put(name, fieldNode.asString());
                }
            } else if (fieldNode.isValueNode()) {
                fields.put(name, fieldNode.asString());
            } else {
                errors.add(field + "." + name, value(fieldNode), name + " must be a string");
            }
        }
        recipients.add(new Recipient.Inline(new SubscriberChanges(id, fields)));
    }

    /** PostgreSQL's TEXT and JSONB cannot hold NUL, in values or in property names, so no part of an event may. */
    private static void rejectNul(JsonNode node, String path, ValidationErrors errors) {
        if (node.isString()) {
            if (ClientText.containsNul(node.asString())) {
                errors.add(ClientText.printable(path), null, ClientText.nulMessage(path));
            }
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                String child = path.isEmpty() ? property.getKey() : path + "." + property.getKey();
                if (ClientText.containsNul(property.getKey())) {
                    errors.add(ClientText.printable(child), null, ClientText.nulMessage(child));
                }
                rejectNul(property.getValue(), child, errors);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                rejectNul(node.get(i), path + "." + i, errors);
            }
        }
    }

    private Object value(JsonNode node) {
        return node == null ? null : json.convertValue(node, Object.class);
    }
}
