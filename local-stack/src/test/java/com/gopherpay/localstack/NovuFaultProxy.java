package com.gopherpay.localstack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An HTTP proxy owned by the test between the Connect workers and the notification balancer, standing for a Novu API
 * that has an outage: it forwards every request as it is, or, during an outage, answers it itself — 503 first, then
 * 429 with {@code Retry-After}, each for a set time — and then forwards again. It records how many requests each phase
 * answered and when the first request after the outage got through.
 */
final class NovuFaultProxy implements AutoCloseable {

    /** Request headers the JDK client sets itself (it refuses to have them set). */
    private static final Set<String> CLIENT_HEADERS =
            Set.of("host", "content-length", "connection", "expect", "upgrade");

    private enum Phase {
        FORWARD,
        UNAVAILABLE,
        THROTTLED
    }

    private final HttpServer server;
    private final URI upstream;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ExecutorService handlers = Executors.newFixedThreadPool(8, daemon("novu-fault-proxy"));
    private final ScheduledExecutorService schedule =
            Executors.newSingleThreadScheduledExecutor(daemon("novu-fault-schedule"));
    private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.FORWARD);
    private final AtomicInteger forwarded = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile long retryAfterSeconds;
    private volatile Instant outageStarted;
    private volatile Instant forwardingAgain;
    private volatile Instant firstForwardedAfterOutage;

    private NovuFaultProxy(HttpServer server, URI upstream) {
        this.server = server;
        this.upstream = upstream;
    }

    /** Listens on a free loopback port and forwards to {@code upstream} (the notification balancer). */
    static NovuFaultProxy start(URI upstream) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        NovuFaultProxy proxy = new NovuFaultProxy(server, upstream);
        server.createContext("/", proxy::handle);
        server.setExecutor(proxy.handlers);
        server.start();
        return proxy;
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * From now on: 503 for {@code unavailableFor}, then 429 with {@code Retry-After: retryAfter} for {@code
     * throttledFor}, then forwarding again.
     */
    void outage(Duration unavailableFor, Duration throttledFor, Duration retryAfter) {
        retryAfterSeconds = retryAfter.toSeconds();
        outageStarted = Instant.now();
        phase.set(Phase.UNAVAILABLE);
        schedule.schedule(() -> phase.set(Phase.THROTTLED), unavailableFor.toMillis(), TimeUnit.MILLISECONDS);
        schedule.schedule(
                () -> {
                    forwardingAgain = Instant.now();
                    phase.set(Phase.FORWARD);
                },
                unavailableFor.plus(throttledFor).toMillis(),
                TimeUnit.MILLISECONDS);
    }

    int forwarded() {
        return forwarded.get();
    }

    /** Requests answered 503. */
    int unavailable() {
        return unavailable.get();
    }

    /** Requests answered 429. */
    int throttled() {
        return throttled.get();
    }

    Instant outageStarted() {
        return outageStarted;
    }

    /** When the outage ended (the proxy forwards again), null before. */
    Instant forwardingAgain() {
        return forwardingAgain;
    }

    /** When the first request after the outage was forwarded and answered, null before. */
    Instant firstForwardedAfterOutage() {
        return firstForwardedAfterOutage;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            switch (phase.get()) {
                case UNAVAILABLE -> {
                    unavailable.incrementAndGet();
                    answer(exchange, 503, "{\"statusCode\":503,\"message\":\"Service Unavailable\"}");
                }
                case THROTTLED -> {
                    throttled.incrementAndGet();
                    exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfterSeconds));
                    answer(exchange, 429, "{\"statusCode\":429,\"message\":\"ThrottlerException: Too Many Requests\"}");
                }
                case FORWARD -> forward(exchange, body);
            }
        }
    }

    private void forward(HttpExchange exchange, byte[] body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        upstream.resolve(exchange.getRequestURI().toString()))
                .timeout(Duration.ofSeconds(30))
                .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(body));
        exchange.getRequestHeaders().forEach((name, values) -> {
            if (!CLIENT_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                values.forEach(value -> request.header(name, value));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding", e);
        }
        forwarded.incrementAndGet();
        if (forwardingAgain != null && firstForwardedAfterOutage == null) {
            firstForwardedAfterOutage = Instant.now();
        }
        response.headers()
                .firstValue("Content-Type")
                .ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
        response.headers()
                .firstValue("Retry-After")
                .ifPresent(wait -> exchange.getResponseHeaders().set("Retry-After", wait));
        exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(response.body());
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        schedule.shutdownNow();
        handlers.shutdownNow();
    }
}
