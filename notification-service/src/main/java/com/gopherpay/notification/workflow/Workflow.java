package com.gopherpay.notification.workflow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import org.springframework.web.util.HtmlUtils;

/** A workflow with one email step: Liquid subject, HTML and plain-text templates. */
public final class Workflow {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final String id;
    private final boolean active;
    private final LiquidTemplate subject;
    private final LiquidTemplate html;
    private final LiquidTemplate text;
    private final Set<String> required;
    private final ExecutorService renderThreads;
    private final long maxRenderMillis;

    Workflow(
            String id,
            boolean active,
            LiquidTemplate subject,
            LiquidTemplate html,
            LiquidTemplate text,
            Set<String> required,
            ExecutorService renderThreads,
            long maxRenderMillis) {
        this.id = id;
        this.active = active;
        this.subject = subject;
        this.html = html;
        this.text = text;
        this.required = Set.copyOf(required);
        this.renderThreads = renderThreads;
        this.maxRenderMillis = maxRenderMillis;
    }

    public String id() {
        return id;
    }

    public boolean active() {
        return active;
    }

    /** Refuses a payload that lacks a variable the templates print (Novu's payload validation, at trigger time). */
    public void validatePayload(Map<String, Object> payload) {
        List<String> missing = missingPayloadVariables(payload);
        if (!missing.isEmpty()) {
            throw new PayloadValidationFailed(missing, payloadSchema());
        }
    }

    /** The {@code payload.*} variables the templates print that this payload lacks, relative to {@code payload}. */
    public List<String> missingPayloadVariables(Map<String, Object> payload) {
        Map<String, Object> model = Map.of("payload", payload);
        return required.stream()
                .filter(path -> path.startsWith("payload."))
                .filter(path -> !TemplateVariables.present(model, path))
                .map(path -> path.substring("payload.".length()))
                .sorted()
                .toList();
    }

    /** The error a message gets when its subscriber lacks variables the templates print. */
    public static String missingSubscriberVariablesError(List<String> missing) {
        return "Not sent: the templates need " + String.join(", ", missing) + ", which the subscriber lacks";
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

    /**
     * Renders all three parts; HTML sees HTML-escaped values (Liquid output escaping, as Novu's editor does).
     *
     * <p>The three parts render together as one task on a shared thread pool, bounded in time as a whole. Liqp's own
     * time limit ({@code withMaxRenderTimeMillis}) would start a new thread for every part it renders, three per
     * email.
     *
     * @throws TemplateRenderingFailed if a part cannot be rendered or rendering takes too long
     */
    public RenderedEmail render(Map<String, Object> payload, Map<String, Object> subscriber) {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("payload", payload);
        model.put("subscriber", subscriber);
        model.put("workflow", Map.of("workflowId", id, "name", id));
        Map<String, Object> escaped = escapeStrings(model);
        Future<RenderedEmail> rendering = renderThreads.submit(() -> new RenderedEmail(
                WHITESPACE.matcher(subject.render(model).strip()).replaceAll(" "),
                html.render(escaped),
                text.render(model)));
        try {
            return rendering.get(maxRenderMillis, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            rendering.cancel(true);
            throw new TemplateRenderingFailed(
                    "Workflow '" + id + "': rendering took longer than " + maxRenderMillis + " ms", e);
        } catch (ExecutionException e) {
            // The cause's message may quote the values rendered (links with their tokens): only its kind is told.
            throw new TemplateRenderingFailed(
                    "Workflow '" + id + "': the templates could not be rendered ("
                            + e.getCause().getClass().getSimpleName() + ")",
                    e.getCause());
        } catch (InterruptedException e) {
            rendering.cancel(true);
            Thread.currentThread().interrupt();
            throw new TemplateRenderingFailed("Workflow '" + id + "': interrupted while rendering", e);
        }
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
