package com.gopherpay.novu.connect.sender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.gopherpay.novu.connect.config.NovuUrlPolicy;
import com.gopherpay.novu.connect.record.Trigger;
import com.gopherpay.novu.connect.record.Triggers;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NovuClientTest {

    private static final int LIMIT = 1024;
    /** Far more than socket buffers hold, so the server only finishes writing if the client reads it all. */
    private static final int HUGE = 32 * 1024 * 1024;

    private final AtomicInteger requests = new AtomicInteger();
    /** Completes with true when the server wrote the whole body, false when the client hung up first. */
    private final CompletableFuture<Boolean> wroteEverything = new CompletableFuture<>();

    private HttpServer server;

    @AfterEach
    void stopServer() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void appendsTheApiPathToABaseUrlWithAPathOfItsOwn() {
        assertThat(NovuClient.endpoint(URI.create("https://gateway.example/api"), NovuClient.TRIGGER_PATH))
                .isEqualTo(URI.create("https://gateway.example/api/v1/events/trigger"));
        assertThat(NovuClient.endpoint(URI.create("https://gateway.example/a/b/"), NovuClient.BULK_PATH))
                .isEqualTo(URI.create("https://gateway.example/a/b/v1/events/trigger/bulk"));
    }

    @Test
    void appendsTheApiPathToAHostOnlyBaseUrl() {
        assertThat(NovuClient.endpoint(URI.create("https://api.novu.co"), NovuClient.TRIGGER_PATH))
                .isEqualTo(URI.create("https://api.novu.co/v1/events/trigger"));
        assertThat(NovuClient.endpoint(URI.create("http://127.0.0.1:3000/"), NovuClient.TRIGGER_PATH))
                .isEqualTo(URI.create("http://127.0.0.1:3000/v1/events/trigger"));
    }

    @Test
    void readsAResponseBodyUpToTheLimit() throws Exception {
        String body = "{\"data\":\"" + "x".repeat(LIMIT - 11) + "\"}";
        serve(body.getBytes(StandardCharsets.UTF_8), true);

        NovuResponse response = client(NovuUrlPolicy.HostResolver.SYSTEM).send(request());

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body()).isEqualTo(body).hasSize(LIMIT);
    }

    @Test
    void refusesAResponseWhoseDeclaredLengthIsOverTheLimitWithoutReadingIt() throws Exception {
        serve(new byte[HUGE], true);

        assertThatThrownBy(() -> client(NovuUrlPolicy.HostResolver.SYSTEM).send(request()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("http.response.max.bytes");
        await().atMost(Duration.ofSeconds(30)).until(wroteEverything::isDone);
        assertThat(wroteEverything.get())
                .as("the server could write the whole body")
                .isFalse();
    }

    @Test
    void stopsReadingAChunkedResponseAtTheLimit() throws Exception {
        serve(new byte[HUGE], false);

        assertThatThrownBy(() -> client(NovuUrlPolicy.HostResolver.SYSTEM).send(request()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("http.response.max.bytes");
        await().atMost(Duration.ofSeconds(30)).until(wroteEverything::isDone);
        assertThat(wroteEverything.get())
                .as("the server could write the whole body")
                .isFalse();
    }

    @Test
    void checksWhereTheHostResolvesBeforeEveryRequest() throws Exception {
        serve("{}".getBytes(StandardCharsets.UTF_8), true);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        InetAddress metadata = InetAddress.getByName("169.254.169.254");
        AtomicInteger lookups = new AtomicInteger();
        // The first answer is harmless, the next one points at the cloud metadata service (DNS rebinding).
        NovuClient client = client(host -> new InetAddress[] {lookups.getAndIncrement() == 0 ? loopback : metadata});

        assertThat(client.send(request()).status()).isEqualTo(201);
        assertThatThrownBy(() -> client.send(request()))
                .isInstanceOf(NovuEndpointException.class)
                .hasMessageContaining("novu.api.url")
                .hasMessageContaining("link-local");
        assertThat(requests).hasValue(1);
    }

    @Test
    void retriesWhenTheHostDoesNotResolveAtRequestTime() throws Exception {
        serve("{}".getBytes(StandardCharsets.UTF_8), true);
        NovuClient client = client(host -> {
            throw new UnknownHostException(host);
        });

        // An IOException: the sender retries it like any network failure.
        assertThatThrownBy(() -> client.send(request())).isInstanceOf(IOException.class);
        assertThat(requests).hasValue(0);
    }

    private void serve(byte[] body, boolean declareLength) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(201, declareLength ? body.length : 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int at = 0; at < body.length; at += 8192) {
                    out.write(Arrays.copyOfRange(body, at, Math.min(body.length, at + 8192)));
                }
                out.flush();
                wroteEverything.complete(true);
            } catch (IOException clientHungUp) {
                wroteEverything.complete(false);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    private NovuClient client(NovuUrlPolicy.HostResolver resolver) {
        Duration timeout = Duration.ofSeconds(20);
        return new NovuClient(
                NovuClient.httpClient(timeout),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                new Password("key"),
                timeout,
                "test",
                new NovuUrlPolicy(false, resolver),
                LIMIT);
    }

    private HttpRequest request() {
        ObjectMapper json = new ObjectMapper();
        Trigger trigger = new Triggers(json, "email-verification", "event-id")
                .from(new SinkRecord("t", 0, null, null, null, "{\"to\":\"u\"}", 0));
        return new TriggerRequests(client(NovuUrlPolicy.HostResolver.SYSTEM), json).single(trigger);
    }
}
