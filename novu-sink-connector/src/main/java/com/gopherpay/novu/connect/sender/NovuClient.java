package com.gopherpay.novu.connect.sender;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.common.config.types.Password;

/** Plain HTTP to Novu's trigger endpoints: one call, no retries, no interpretation beyond status and headers. */
public final class NovuClient {

    static final String TRIGGER_PATH = "/v1/events/trigger";
    static final String BULK_PATH = "/v1/events/trigger/bulk";

    private final HttpClient http;
    private final URI baseUrl;
    private final Password apiKey;
    private final Duration timeout;
    private final String userAgent;

    public NovuClient(HttpClient http, URI baseUrl, Password apiKey, Duration timeout, String userAgent) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.userAgent = userAgent;
    }

    /** An HTTP/1.1 client: predictable against any server (h2c upgrade headers confuse some proxies). */
    public static HttpClient httpClient(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Builds the POST for one trigger or bulk request. Built once and resent as-is on retries. Throws
     * {@link IllegalArgumentException} when a header value is not valid in HTTP (e.g. a non-Latin-1 character).
     */
    HttpRequest request(String path, byte[] json, String idempotencyKey) {
        return HttpRequest.newBuilder(endpoint(baseUrl, path))
                .timeout(timeout)
                .header("Authorization", "ApiKey " + apiKey.value())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .header("User-Agent", userAgent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(json))
                .build();
    }

    NovuResponse send(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new NovuResponse(
                response.statusCode(), response.body(), response.headers().firstValue("Retry-After"));
    }

    /**
     * The API path appended to the base URL, which may have a path of its own (Novu behind a reverse proxy, e.g.
     * {@code https://gateway.example/novu}). {@link URI#resolve} would replace that path.
     */
    static URI endpoint(URI baseUrl, String apiPath) {
        return URI.create(baseUrl.toString().replaceAll("/+$", "") + apiPath);
    }

    @Override
    public String toString() {
        return "NovuClient[" + baseUrl + "]";
    }
}
