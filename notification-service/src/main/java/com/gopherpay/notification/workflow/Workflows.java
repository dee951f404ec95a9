package com.gopherpay.notification.workflow;

import com.gopherpay.notification.config.NotificationProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import liqp.TemplateParser;
import liqp.exceptions.LiquidException;
import liqp.parser.Flavor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * The configured workflows ({@code notification.workflows.<id>.*}), parsed once at start-up: a template that does
 * not parse stops the service with a message naming the workflow and file, instead of failing a trigger later.
 */
@Component
public class Workflows implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Workflows.class);

    /** The longest one email may take to render (subject, HTML and text together). */
    static final long MAX_RENDER_MILLIS = 2_000;

    private final Map<String, Workflow> byId = new LinkedHashMap<>();

    /**
     * Where emails render, so that a template that runs away is cut off after {@link #MAX_RENDER_MILLIS}. Threads are
     * reused (liqp's own limit starts a thread per template rendered) and end after a minute unused.
     */
    private final ExecutorService renderThreads = renderThreads();

    Workflows(NotificationProperties properties) {
        TemplateParser parser = new TemplateParser.Builder()
                .withFlavor(Flavor.LIQUID)
                .withErrorMode(TemplateParser.ErrorMode.STRICT)
                .withDefaultTimeZone(ZoneOffset.UTC)
                .withMaxIterations(10_000)
                .withDateParser(new IsoDateParser())
                .build();
        properties.workflows().forEach((id, definition) -> byId.put(id, load(parser, id, definition, renderThreads)));
        log.info("Workflows: {}", byId.keySet());
    }

    private static ExecutorService renderThreads() {
        CustomizableThreadFactory threads = new CustomizableThreadFactory("liquid-render-");
        threads.setDaemon(true);
        return Executors.newCachedThreadPool(threads);
    }

    @Override
    public void close() {
        renderThreads.shutdownNow();
    }

    public Optional<Workflow> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    private static Workflow load(
            TemplateParser parser,
            String id,
            NotificationProperties.Workflow definition,
            ExecutorService renderThreads) {
        String subjectSource = definition.subject();
        String htmlSource = read(id, definition.html());
        String textSource = read(id, definition.text());
        Set<String> required = new LinkedHashSet<>();
        required.addAll(TemplateVariables.required(subjectSource));
        required.addAll(TemplateVariables.required(htmlSource));
        required.addAll(TemplateVariables.required(textSource));
        return new Workflow(
                id,
                definition.active(),
                parse(parser, id, "subject", subjectSource),
                parse(parser, id, definition.html().getDescription(), htmlSource),
                parse(parser, id, definition.text().getDescription(), textSource),
                required,
                renderThreads,
                MAX_RENDER_MILLIS);
    }

    private static LiquidTemplate parse(TemplateParser parser, String id, String what, String source) {
        try {
            return new LiquidTemplate(parser, parser.parse(source));
        } catch (LiquidException | IllegalArgumentException e) {
            throw new IllegalStateException(
                    "Workflow '" + id + "': the template " + what + " is not valid Liquid: " + e.getMessage(), e);
        }
    }

    private static String read(String id, Resource resource) {
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "Workflow '" + id + "': cannot read template " + resource.getDescription(), e);
        }
    }
}
