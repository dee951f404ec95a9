package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.notification.support.RawHttp;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SharedService;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** HTTP itself answered in Novu's error shape: content negotiation, methods, and the body cap with and without a length. */
class HttpProtocolIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RunningService service = SharedService.service();

    @Test
    void answersUnservableAcceptHeaderWith406InNovuErrorBody() throws Exception {
        HttpResponse<String> response = service.get("/v1/messages?limit=5", "Accept", "text/html");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(406);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("statusCode").asInt()).isEqualTo(406);
        assertThat(error.path("path").asString()).isEqualTo("/v1/messages?limit=5");
        assertThat(error.path("message").asString()).isNotBlank();
        assertThat(error.has("errorId")).isFalse();
    }

    @Test
    void answersUnsupportedMethodWith405NamingTheAllowedOnes() throws Exception {
        HttpResponse<String> response = service.request("DELETE", "/v1/events/trigger", null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow"))
                .hasValueSatisfying(allow -> assertThat(allow).contains("POST"));
        assertThat(JSON.readTree(response.body()).path("statusCode").asInt()).isEqualTo(405);
    }

    @Test
    void answersBodyOverTheLimitWith413WithoutWaitingForIt() {
        // Only the headers are sent: the server must refuse on the declared length, and the test never races the
        // server closing the connection under a 27 MB upload (which made a real upload flaky here).
        int status = RawHttp.status(
                service.baseUrl(),
                "POST /v1/events/trigger HTTP/1.1\r\nContent-Type: application/json\r\nAuthorization: ApiKey "
                        + RunningService.API_KEY + "\r\nContent-Length: " + 27 * 1024 * 1024,
                out -> {});

        assertThat(status).isEqualTo(413);
    }

    @Test
    void refusesUnauthenticatedUploadBeforeInvitingItWith100Continue() {
        int status = RawHttp.status(
                service.baseUrl(),
                "POST /v1/events/trigger HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 1000"
                        + "\r\nExpect: 100-continue",
                out -> {});

        assertThat(status).isEqualTo(401);
    }

    @Test
    void answersDeclaredOversizedBodyWith413EvenBeforeAuthentication() {
        int status = RawHttp.status(
                service.baseUrl(),
                "POST /v1/events/trigger HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: "
                        + 27 * 1024 * 1024,
                out -> {});

        assertThat(status).isEqualTo(413);
    }

    @Test
    void answersUnauthenticatedChunkedBodyWith401WithoutWaitingForIt() {
        // The body is never finished: only a server that does not read it before authenticating can answer.
        int status = RawHttp.status(
                service.baseUrl(),
                "POST /v1/events/trigger HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                out -> out.write(
                        "400\r\n".concat("{".repeat(0x400)).concat("\r\n").getBytes(StandardCharsets.US_ASCII)));

        assertThat(status).isEqualTo(401);
    }

    @Test
    void answersAuthenticatedChunkedBodyOverTheLimitWith413() {
        byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        long limit = 26L * 1024 * 1024;
        int status = RawHttp.status(
                service.baseUrl(),
                "POST /v1/events/trigger HTTP/1.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked"
                        + "\r\nAuthorization: ApiKey " + RunningService.API_KEY,
                out -> {
                    for (long sent = 0; sent <= limit; sent += chunk.length) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                        out.write(chunk);
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                });

        assertThat(status).isEqualTo(413);
    }
}
