package com.gopherpay.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import com.gopherpay.identity.IdentityServiceTestBase;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Whatever refuses a request (Tomcat, Spring MVC, our handlers), the answer is problem+json, never HTML or a 500. */
class ErrorSurfacesIT extends IdentityServiceTestBase {

    private static final String HOST = "\r\nHost: 127.0.0.1";

    private static JsonNode problem(RawHttp.Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.header("Content-Type")).as(answer.body()).startsWith("application/problem+json");
        JsonNode problem = Api.JSON.readTree(answer.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("type").asString()).startsWith("https://gopherpay.dev/problems/");
        assertThat(answer.body()).doesNotContain("Exception", "Tomcat", "<html");
        return problem;
    }

    @Test
    void answersTheErrorPathItselfWithNotFound() throws Exception {
        for (String method : new String[] {"GET", "POST", "PUT", "DELETE", "HEAD"}) {
            RawHttp.Answer answer = RawHttp.send(port, method + " /error HTTP/1.1" + HOST + "\r\nConnection: close");
            if (!method.equals("HEAD")) {
                assertThat(problem(answer, 404).get("code").asString()).isEqualTo("not-found");
            } else {
                assertThat(answer.status()).isEqualTo(404);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/%", "/%zz", "/a%00b", "/..%2f..%2fetc/passwd", "/a\u007fb", "/a|b", "/<script>"})
    void answersUndecodableOrIllegalRequestTargetsWithBadRequest(String target) throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "GET " + target + " HTTP/1.1" + HOST + "\r\nConnection: close");

        assertThat(answer.status()).as(target).isBetween(400, 404);
        problem(answer, answer.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bad Header: x", "X-Ctl: a\u0001b", "X-Nul: a\u0000b", ": empty-name"})
    void answersMalformedHeadersWithBadRequest(String header) throws Exception {
        RawHttp.Answer answer =
                RawHttp.send(port, "GET /index.html HTTP/1.1" + HOST + "\r\n" + header + "\r\nConnection: close");

        problem(answer, 400);
    }

    @Test
    void answersOverLongHeadersWithAProblem() throws Exception {
        RawHttp.Answer answer = RawHttp.send(
                port,
                "GET /index.html HTTP/1.1" + HOST + "\r\nX-Long: " + "a".repeat(20_000) + "\r\nConnection: close");

        assertThat(answer.status()).isIn(400, 431);
        problem(answer, answer.status());
    }

    @Test
    void answersOverLongRequestLinesWithAProblem() throws Exception {
        RawHttp.Answer answer =
                RawHttp.send(port, "GET /" + "a".repeat(20_000) + " HTTP/1.1" + HOST + "\r\nConnection: close");

        assertThat(answer.status()).isIn(400, 414);
        problem(answer, answer.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/auth/register", "/error"})
    void answersTraceWithMethodNotAllowed(String path) throws Exception {
        RawHttp.Answer answer = RawHttp.send(port, "TRACE " + path + " HTTP/1.1" + HOST + "\r\nConnection: close");

        assertThat(problem(answer, 405).get("code").asString()).isEqualTo("method-not-allowed");
        assertThat(answer.body()).doesNotContain("Host:");
    }

    @Test
    void answersABodyShorterThanItsDeclaredLengthWithBadRequest() throws Exception {
        byte[] part = "{\"email\":".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer answer = RawHttp.send(
                port,
                "POST /auth/register HTTP/1.1" + HOST
                        + "\r\nContent-Type: application/json\r\nContent-Length: 500\r\nX-Forwarded-For: "
                        + Api.randomClientIp(),
                part,
                true);

        assertThat(problem(answer, 400).get("code").asString()).isEqualTo("malformed-request");
    }

    @Test
    void answersWrongMethodMediaTypeAndAcceptWithProblems() throws Exception {
        String ip = "\r\nX-Forwarded-For: " + Api.randomClientIp();
        RawHttp.Answer wrongMethod = RawHttp.send(port, "DELETE /auth/register HTTP/1.1" + HOST + ip);
        assertThat(problem(wrongMethod, 405).get("code").asString()).isEqualTo("method-not-allowed");

        byte[] json = "{\"token\":\"abc\"}".getBytes(StandardCharsets.UTF_8);
        RawHttp.Answer wrongType = RawHttp.send(
                port,
                "POST /auth/verify-email HTTP/1.1" + HOST + ip + "\r\nContent-Type: text/plain\r\nContent-Length: "
                        + json.length,
                json,
                false);
        assertThat(problem(wrongType, 415).get("code").asString()).isEqualTo("unsupported-media-type");

        RawHttp.Answer notAcceptable = RawHttp.send(
                port,
                "POST /auth/verify-email HTTP/1.1" + HOST + ip
                        + "\r\nAccept: text/html\r\nContent-Type: application/json\r\nContent-Length: " + json.length,
                json,
                false);
        assertThat(notAcceptable.status()).isBetween(400, 499);
        problem(notAcceptable, notAcceptable.status());

        RawHttp.Answer unknown = RawHttp.send(port, "GET /nothing/here HTTP/1.1" + HOST + "\r\nAccept: text/html");
        problem(unknown, 404);
    }
}
