package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.notification.support.RawHttp;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SharedService;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests meant to hurt: bodies far over the cap in every method, content type and framing; paths spelled to slip
 * past authentication; requests Tomcat itself rejects. Every answer must be a 4xx in Novu's error shape, and no body
 * may be read past the cap (asserted by how much of the upload the server had taken when it answered).
 */
class HostileRequestsIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final long CAP = 26L * 1024 * 1024;
    private static final long UPLOAD = 64L * 1024 * 1024;
    private static final String AUTH = "Authorization: ApiKey " + RunningService.API_KEY;

    private final RunningService service = SharedService.service();

    static Stream<Arguments> oversizedUploads() {
        List<Arguments> cases = new ArrayList<>();
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            for (String type : List.of(
                    "application/json",
                    "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=xyz",
                    "text/plain")) {
                for (String path : List.of("/v1/events/trigger", "/v1/messages", "/no/such/path")) {
                    for (boolean chunked : List.of(true, false)) {
                        cases.add(Arguments.of(method, type, path, chunked));
                    }
                }
            }
        }
        return cases.stream();
    }

    /**
     * 64 MiB against a 26 MiB cap. A declared length over the cap is refused with 413 before anything is read. A
     * chunked body is read only where an endpoint takes a body, and then refused with 413 at the cap; anywhere else
     * the request is answered (404, 405, 415) without its body being read at all.
     */
    @ParameterizedTest(name = "{0} {2} {1} chunked={3}")
    @MethodSource("oversizedUploads")
    void neverReadsABodyPastTheCap(String method, String type, String path, boolean chunked) throws Exception {
        String head = method + " " + path + " HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: " + type + "\r\n"
                + (chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + UPLOAD);

        RawHttp.Response response = RawHttp.exchange(service.baseUrl(), head, out -> upload(out, chunked));

        JsonNode error = novuError(response);
        // Spring takes a form POST's body from the request parameters, which Tomcat is told never to parse.
        boolean readsBody = "POST".equals(method)
                && path.startsWith("/v1/events/trigger")
                && !type.equals("application/x-www-form-urlencoded");
        if (!chunked) {
            assertThat(response.status()).isEqualTo(413);
            assertThat(error.path("message").asString()).isEqualTo("request entity too large");
            assertThat(response.bodyBytesSentBeforeAnswer()).isLessThan(CAP);
        } else if (readsBody) {
            assertThat(response.status()).as(response.body()).isEqualTo(413);
            assertThat(response.bodyBytesSentBeforeAnswer()).isLessThan(UPLOAD - 16L * 1024 * 1024);
        } else {
            assertThat(response.status()).as(response.body()).isIn(404, 405, 422);
            assertThat(response.bodyBytesSentBeforeAnswer()).isLessThan(CAP);
        }
    }

    @Test
    void refusesAnOversizedChunkedBodyUnderAnIdempotencyKeyWithoutKeepingTheKey() throws Exception {
        String key = "oversized-" + java.util.UUID.randomUUID();

        RawHttp.Response response = RawHttp.exchange(
                service.baseUrl(),
                "POST /v1/events/trigger HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: application/json\r\n"
                        + "Idempotency-Key: " + key + "\r\nTransfer-Encoding: chunked",
                out -> upload(out, true));

        assertThat(response.status()).isEqualTo(413);
        assertThat(novuError(response).path("message").asString()).isEqualTo("request entity too large");
        assertThat(response.bodyBytesSentBeforeAnswer()).isLessThan(UPLOAD - 16L * 1024 * 1024);
        assertThat(service.jdbc()
                        .sql("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = :key")
                        .param("key", key)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencoded", "multipart/form-data; boundary=xyz"})
    void refusesUnauthenticatedFormUploadsBeforeReadingThem(String type) throws Exception {
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            RawHttp.Response response = RawHttp.exchange(
                    service.baseUrl(),
                    method + " /anything HTTP/1.1\r\nContent-Type: " + type + "\r\nTransfer-Encoding: chunked",
                    out -> upload(out, true));

            assertThat(response.status()).isEqualTo(401);
            assertThat(novuError(response).path("message").asString()).isEqualTo("Missing authorization header");
            assertThat(response.bodyBytesSentBeforeAnswer()).isLessThan(CAP);
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/v1;x=1/messages",
                "/%761/messages",
                "/v1/./messages",
                "/x/../v1/messages",
                "/v1//messages",
                "/V1/messages",
                "/v1/messages;jsessionid=1",
                "/livez/../v1/messages",
                "/readyz;/../v1/messages",
                "/actuator/prometheus",
                "/actuator/health",
                "/error",
                "/"
            })
    void authenticatesEverySpellingOfEveryPath(String path) throws Exception {
        RawHttp.Response response =
                RawHttp.exchange(service.baseUrl(), "GET " + path + " HTTP/1.1\r\nConnection: close", out -> {});

        assertThat(response.status()).as(response.body()).isEqualTo(401);
        assertThat(novuError(response).path("message").asString()).isEqualTo("Missing authorization header");
    }

    @Test
    void answersThePublicProbesWithoutAKeyAndWithoutDetails() throws Exception {
        for (String probe : List.of("/livez", "/readyz")) {
            RawHttp.Response response =
                    RawHttp.exchange(service.baseUrl(), "GET " + probe + " HTTP/1.1\r\nConnection: close", out -> {});

            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(JSON.readTree(response.body())).isEqualTo(JSON.readTree("{\"status\":\"UP\"}"));
        }
    }

    @Test
    void servesMetricsAndHealthDetailsOnlyOnTheLoopbackManagementPort() throws Exception {
        RawHttp.Response metrics = RawHttp.exchange(
                service.managementUrl(), "GET /actuator/prometheus HTTP/1.1\r\nConnection: close", out -> {});
        RawHttp.Response publicMetrics = RawHttp.exchange(
                service.baseUrl(), "GET /actuator/prometheus HTTP/1.1\r\n" + AUTH + "\r\nConnection: close", out -> {});

        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("notification_messages_queued");
        assertThat(publicMetrics.status()).isEqualTo(404);
        assertThat(novuError(publicMetrics).path("statusCode").asInt()).isEqualTo(404);
        assertThat(service.bean(org.springframework.core.env.Environment.class)
                        .getProperty("management.server.address"))
                .isEqualTo("127.0.0.1");
    }

    static Stream<Arguments> containerRejections() {
        return Stream.of(
                Arguments.of("GET /% HTTP/1.1", 400),
                Arguments.of("GET /v1/messages?x=%zz%% HTTP/1.1\r\n" + AUTH, 400),
                Arguments.of("GET /v1/%2e%2e/%2e%2e/etc HTTP/1.1\r\n" + AUTH, 400),
                Arguments.of("GET /a\u0001b HTTP/1.1", 400),
                Arguments.of("GET /v1/messages HTTP/1.1\r\nBad Header: x", 400),
                Arguments.of("GET /v1/messages HTTP/1.1\r\nX-Big: " + "a".repeat(20_000), 400),
                Arguments.of("TRACE /v1/messages HTTP/1.1\r\n" + AUTH, 405),
                Arguments.of("TRACE / HTTP/1.1", 405),
                Arguments.of("GET /error HTTP/1.1\r\n" + AUTH, 404),
                Arguments.of("BREW /v1/messages HTTP/1.1\r\n" + AUTH, 405),
                Arguments.of("DELETE /v1/events/trigger HTTP/1.1\r\n" + AUTH, 405),
                Arguments.of("GET /v1/messages?subscriberId=%zz HTTP/1.1\r\n" + AUTH, 400),
                Arguments.of("GET /v1/messages?transactionId=%00 HTTP/1.1\r\n" + AUTH, 422),
                Arguments.of("GET /v1/messages?transactionId=%00&subscriberId=%00 HTTP/1.1\r\n" + AUTH, 422),
                Arguments.of("GET /v1/messages?transactionId HTTP/1.1\r\n" + AUTH, 200),
                // Like Novu's JSON body parser, which leaves other types unparsed: the trigger then lacks its fields.
                Arguments.of(
                        "POST /v1/events/trigger HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: application/xml\r\n"
                                + "Content-Length: 2",
                        422),
                Arguments.of(
                        "POST /v1/events/trigger HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: /\r\n" + "Content-Length: 2",
                        415));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containerRejections")
    void answersEveryRejectionInNovuShape(String head, int status) throws Exception {
        RawHttp.Response response = RawHttp.exchange(
                service.baseUrl(),
                head + "\r\nConnection: close",
                out -> out.write("{}".getBytes(StandardCharsets.US_ASCII)));

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        if (status >= 400) {
            assertThat(novuError(response).path("statusCode").asInt()).isEqualTo(status);
        }
    }

    @Test
    void answersATruncatedBodyWith400InNovuShape() throws Exception {
        RawHttp.Response response = RawHttp.exchange(
                service.baseUrl(),
                "POST /v1/events/trigger HTTP/1.1\r\n" + AUTH + "\r\nContent-Type: application/json\r\n"
                        + "Content-Length: 1000",
                out -> out.write("{\"name\":\"email-verification\"".getBytes(StandardCharsets.US_ASCII)),
                true);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        novuError(response);
    }

    private static JsonNode novuError(RawHttp.Response response) throws Exception {
        assertThat(response.headers().get("content-type")).as(response.body()).startsWith("application/json");
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("statusCode").asInt()).as(response.body()).isEqualTo(response.status());
        assertThat(error.path("timestamp").asString()).isNotBlank();
        assertThat(error.has("path")).isTrue();
        assertThat(error.path("message").asString()).isNotBlank();
        return error;
    }

    private static void upload(OutputStream out, boolean chunked) throws IOException {
        byte[] piece = new byte[1024 * 1024];
        Arrays.fill(piece, (byte) 'a');
        for (long sent = 0; sent < UPLOAD; sent += piece.length) {
            if (chunked) {
                out.write((Integer.toHexString(piece.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(piece);
            if (chunked) {
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        if (chunked) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }
}
