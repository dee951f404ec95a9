package com.gopherpay.novu.connect.sender;

import com.gopherpay.novu.connect.config.NovuSinkConfig;
import com.gopherpay.novu.connect.config.NovuUrlPolicy;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.common.config.types.Password;

/**
 * Plain HTTP to Novu's trigger endpoints: one call, no retries, no interpretation beyond status and headers. Before each
 * call it checks where the host resolves to now ({@link NovuUrlPolicy}), and it reads at most a bounded body.
 */
public final class NovuClient {

    static final String TRIGGER_PATH = "/v1/events/trigger";
    static final String BULK_PATH = "/v1/events/trigger/bulk";

    private final HttpClient http;
    private final URI baseUrl;
    private final Password apiKey;
    private final Duration timeout;
    private final String userAgent;
    private final NovuUrlPolicy urlPolicy;
    private final int maxResponseBytes;

    /**
     * @param urlPolicy checked before every request, since DNS answers may have changed since validation
     * @param maxResponseBytes the longest response body read; a longer one fails the call
     */
    public NovuClient(
            HttpClient http,
            URI baseUrl,
            Password apiKey,
            Duration timeout,
            String userAgent,
            NovuUrlPolicy urlPolicy,
            int maxResponseBytes) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.timeout = timeout;
        this.userAgent = userAgent;
        this.urlPolicy = urlPolicy;
        this.maxResponseBytes = maxResponseBytes;
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

    /**
     * Sends the request. Throws {@link NovuEndpointException} when the host now resolves to an address the key must not
     * go to, and {@link IOException} for IO failures, a host that does not resolve, or a body over the limit.
     */
    NovuResponse send(HttpRequest request) throws IOException, InterruptedException {
        // The JDK caches DNS answers (30 s by default), so the client connects to what was checked here, save for an
        // answer that expires in between.
        Optional<String> problem = urlPolicy.problemBeforeRequest(baseUrl);
        if (problem.isPresent()) {
            throw new NovuEndpointException("Not sending to Novu: " + NovuSinkConfig.NOVU_API_URL + " " + problem.get()
                    + " (checked before every request, as DNS answers can change)");
        }
        HttpResponse<String> response = http.send(request, CappedBody.handler(maxResponseBytes));
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
