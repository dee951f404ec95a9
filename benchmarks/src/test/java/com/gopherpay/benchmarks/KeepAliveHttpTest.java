package com.gopherpay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class KeepAliveHttpTest {

    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<Integer> clientPorts = new CopyOnWriteArrayList<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private KeepAliveHttp http;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/fixed", exchange -> answer(exchange, 201, "{\"data\":1}", false, false));
        server.createContext("/chunked", exchange -> answer(exchange, 201, "{\"data\":\"chunked\"}", true, false));
        server.createContext("/close", exchange -> answer(exchange, 422, "{\"message\":\"no\"}", false, true));
        server.start();
        http = new KeepAliveHttp();
    }

    @AfterEach
    void stop() {
        http.close();
        server.stop(0);
    }

    @Test
    void postsJsonWithTheHeadersAndReusesTheConnection() throws Exception {
        KeepAliveHttp.Response first = http.postJson(url("/fixed"), Map.of("name", "é"), Map.of("Authorization", "k"));
        KeepAliveHttp.Response second = http.postJson(url("/fixed"), Map.of("name", "b"), Map.of("Authorization", "k"));

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.body()).isEqualTo("{\"data\":1}");
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(bodies).containsExactly("{\"name\":\"é\"}", "{\"name\":\"b\"}");
        assertThat(authorizations).containsExactly("k", "k");
        assertThat(clientPorts.get(1)).isEqualTo(clientPorts.get(0));
    }

    @Test
    void readsAChunkedAnswer() throws Exception {
        KeepAliveHttp.Response response = http.postJson(url("/chunked"), Map.of(), Map.of());
        KeepAliveHttp.Response again = http.postJson(url("/chunked"), Map.of(), Map.of());

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.body()).isEqualTo("{\"data\":\"chunked\"}");
        assertThat(again.body()).isEqualTo("{\"data\":\"chunked\"}");
        assertThat(clientPorts.get(1)).isEqualTo(clientPorts.get(0));
    }

    @Test
    void opensANewConnectionAfterTheServerClosedOne() throws Exception {
        KeepAliveHttp.Response refused = http.postJson(url("/close"), Map.of(), Map.of());
        KeepAliveHttp.Response next = http.postJson(url("/fixed"), Map.of(), Map.of());

        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).isEqualTo("{\"message\":\"no\"}");
        assertThat(next.statusCode()).isEqualTo(201);
        assertThat(clientPorts.get(1)).isNotEqualTo(clientPorts.get(0));
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private void answer(HttpExchange exchange, int status, String body, boolean chunked, boolean close)
            throws IOException {
        bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        clientPorts.add(exchange.getRemoteAddress().getPort());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (authorization != null) {
            authorizations.add(authorization);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (close) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(status, chunked ? 0 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
