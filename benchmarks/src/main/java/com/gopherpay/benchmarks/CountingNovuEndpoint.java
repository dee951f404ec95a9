package com.gopherpay.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fastest Novu trigger endpoint this machine can offer: it answers single and bulk triggers with Novu's 201 body
 * shape and counts the events, so a connector benchmark measures the connector and Connect, not a template engine.
 */
final class CountingNovuEndpoint implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private final AtomicLong events = new AtomicLong();
    private final AtomicLong requests = new AtomicLong();
    private final Timeline timeline = new Timeline();
    private volatile long originNanos = System.nanoTime();
    private volatile long firstEventNanos;
    private volatile long lastEventNanos;

    CountingNovuEndpoint() throws IOException {
        // The JDK server writes headers and body separately; without TCP_NODELAY, Nagle's algorithm meets the client's
        // delayed ACK and every response waits ~40 ms, which would measure the kernel instead of the connector.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.createContext("/v1/events/trigger", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    long events() {
        return events.get();
    }

    long requests() {
        return requests.get();
    }

    /** From now on, {@link #timeline()} counts events from this moment. */
    void markStart() {
        originNanos = System.nanoTime();
    }

    /** Events received per second since {@link #markStart()}. */
    Timeline timeline() {
        return timeline;
    }

    /** Seconds between the first and the last event received. */
    double activeSeconds() {
        return (lastEventNanos - firstEventNanos) / 1e9;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = Http.JSON.readTree(exchange.getRequestBody());
            boolean bulk = exchange.getRequestURI().getPath().endsWith("/bulk");
            StringBuilder response = new StringBuilder("{\"data\":");
            int count;
            if (bulk) {
                count = body.path("events").size();
                response.append('[');
                for (int i = 0; i < count; i++) {
                    response.append(i == 0 ? "" : ",")
                            .append(ack(body.path("events").get(i)));
                }
                response.append(']');
            } else {
                count = 1;
                response.append(ack(body));
            }
            response.append('}');
            long now = System.nanoTime();
            if (events.getAndAdd(count) == 0) {
                firstEventNanos = now;
            }
            lastEventNanos = now;
            for (int i = 0; i < count; i++) {
                timeline.record(Duration.ofNanos(now - originNanos));
            }
            requests.incrementAndGet();
            byte[] bytes = response.toString().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String ack(JsonNode event) {
        return "{\"acknowledged\":true,\"status\":\"processed\",\"transactionId\":\""
                + event.path("transactionId").asText("txn") + "\"}";
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
