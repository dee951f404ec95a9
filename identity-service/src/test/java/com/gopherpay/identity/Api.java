package com.gopherpay.identity;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the running service, the way any API client would call it. */
public final class Api {

    public static final JsonMapper JSON = JsonMapper.builder().build();

    /** One client (and connection pool) for every test: each one owns threads and sockets until garbage collected. */
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String base;

    public Api(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    /** A client address of its own, so tests do not share a rate-limit bucket (the service trusts loopback proxies). */
    public static String randomClientIp() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(1, 255);
    }

    public Response post(String path, Object body) {
        return post(path, body, randomClientIp());
    }

    public Response post(String path, Object body, String clientIp) {
        return send(path, "application/json", JSON.writeValueAsString(body), clientIp);
    }

    public Response send(String path, String contentType, String body, String clientIp) {
        return send(path, contentType, body, clientIp, Map.of());
    }

    public Response send(String path, String contentType, String body, String clientIp, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", contentType)
                .header("X-Forwarded-For", clientIp)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return execute(request.build());
    }

    public Response get(String path) {
        return execute(HttpRequest.newBuilder(URI.create(base + path)).GET().build());
    }

    private Response execute(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response);
        } catch (IOException e) {
            throw new IllegalStateException("Request to " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The password of {@link #registration}: at least 15 characters, as NIST SP 800-63B-4 asks. */
    public static final String PASSWORD = "violet-Harbour-93-kite";

    /** A registration body that passes every rule. */
    public static Map<String, Object> registration(String email) {
        return Map.of("email", email, "password", PASSWORD, "confirmPassword", PASSWORD, "fullName", "Ada Lovelace");
    }

    /** The body that confirms an address registered with {@link #registration}. */
    public static Map<String, Object> verification(String token) {
        return Map.of("token", token, "password", PASSWORD);
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    public record Response(HttpResponse<String> raw) {

        public int status() {
            return raw.statusCode();
        }

        public String body() {
            return raw.body();
        }

        public JsonNode json() {
            return JSON.readTree(raw.body());
        }

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }
    }
}
