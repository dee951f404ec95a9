package com.gopherpay.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A body far over the cap, in every method, content type and framing, on API and unknown paths: answered 413 while
 * most of it is still unsent, so no part of the service read it into memory (Spring's form filter used to read a
 * whole form-encoded PUT, and a 700 MiB one ended the JVM).
 */
class BodyCapIT extends IdentityServiceTestBase {

    private static final long BODY = 64L * 1024 * 1024;

    static List<Arguments> requests() {
        List<Arguments> requests = new ArrayList<>();
        for (String method : new String[] {"POST", "PUT", "PATCH", "DELETE"}) {
            for (String type : new String[] {
                "application/json",
                "application/x-www-form-urlencoded",
                "multipart/form-data; boundary=xyz",
                "text/plain"
            }) {
                for (String path : new String[] {"/auth/register", "/no/such/path", "/actuator/prometheus"}) {
                    requests.add(Arguments.of(method, type, path, true));
                    requests.add(Arguments.of(method, type, path, false));
                }
            }
        }
        return requests;
    }

    @ParameterizedTest(name = "{0} {2} {1} chunked={3}")
    @MethodSource("requests")
    void answers413BeforeTheBodyIsRead(String method, String type, String path, boolean chunked) throws Exception {
        String framing = chunked ? "Transfer-Encoding: chunked" : "Content-Length: " + BODY;
        RawHttp.Answer answer = RawHttp.stream(
                port,
                method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + type + "\r\nX-Forwarded-For: "
                        + Api.randomClientIp() + "\r\n" + framing,
                BODY,
                chunked);

        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
        assertThat(Api.JSON.readTree(answer.body()).get("code").asString()).isEqualTo("payload-too-large");
        // The cap is 16 KiB; what was written beyond it sat in socket buffers when the answer came.
        assertThat(answer.bodyBytesWritten()).isLessThan(BODY / 4);
    }
}
