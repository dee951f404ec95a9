package com.gopherpay.notification.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import liqp.Template;
import org.springframework.web.util.HtmlUtils;

/** A workflow with one email step: Liquid subject, HTML and plain-text templates. */
public final class Workflow {

    private final String id;
    private final boolean active;
    private final Template subject;
    private final Template html;
    private final Template text;
    private final Set<String> required;

    Workflow(String id, boolean active, Template subject, Template html, Template text, Set<String> required) {
        this.id = id;
        this.active = active;
        this.subject = subject;
        this.html = html;
        this.text = text;
        this.required = Set.copyOf(required);
    }

    public String id() {
        return id;
    }

    public boolean active() {
        return active;
    }

    /** Refuses a payload that lacks a variable the templates print (Novu's payload validation, at trigger time). */
    public void validatePayload(Map<String, Object> payload) {
        Map<String, Object> model = Map.of("payload", payload);
        List<String> missing = required.stream()
                .filter(path -> path.startsWith("payload."))
                .filter(path -> !TemplateVariables.present(model, path))
                .map(path -> path.substring("payload.".length()))
                .sorted()
                .toList();
        if (!missing.isEmpty()) {
            throw new PayloadValidationFailed(missing, payloadSchema());
        }
    }

    /** The {@code subscriber.*} variables the templates print that this subscriber lacks. */
    public List<String> missingSubscriberVariables(Map<String, Object> subscriber) {
        Map<String, Object> model = Map.of("subscriber", subscriber);
        return required.stream()
                .filter(path -> path.startsWith("subscriber."))
                .filter(path -> !TemplateVariables.present(model, path))
                .sorted()
                .toList();
    }

    /** Renders all three parts; HTML sees HTML-escaped values (Liquid output escaping, as Novu's editor does). */
    public RenderedEmail render(Map<String, Object> payload, Map<String, Object> subscriber) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("payload", payload);
        model.put("subscriber", subscriber);
        model.put("workflow", Map.of("workflowId", id, "name", id));
        Map<String, Object> escaped = escapeStrings(model);
        return new RenderedEmail(
                subject.render(model).strip().replaceAll("\\s+", " "), html.render(escaped), text.render(model));
    }

    private Map<String, Object> payloadSchema() {
        Set<String> names = new LinkedHashSet<>();
        for (String path : required) {
            if (path.startsWith("payload.")) {
                names.add(path.substring("payload.".length()).split("\\.")[0]);
            }
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        names.forEach(name -> properties.put(name, Map.of()));
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("type", "object");
        schema.put("properties", properties);
        schema.put("required", new ArrayList<>(names));
        schema.put("additionalProperties", true);
        return schema;
    }

    @SuppressWarnings("unchecked")
    private static <T> T escapeStrings(T value) {
        if (value instanceof String s) {
            return (T) HtmlUtils.htmlEscape(s, "UTF-8");
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, escapeStrings(v)));
            return (T) copy;
        }
        if (value instanceof List<?> list) {
            return (T) list.stream().map(Workflow::escapeStrings).toList();
        }
        return value;
    }
}
