package com.gopherpay.novu.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StrictNovuStubTest {

    private static final String TRIGGER =
            "{\"name\":\"email-verification\",\"to\":\"sub-1\",\"transactionId\":\"tx-1\",\"payload\":{}}";

    private final StrictNovuStub stub = StrictNovuStub.start();
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void answersScriptedFaultsInOrderThenRecovers() throws Exception {
        stub.failNext(Fault.rateLimited(Duration.ofSeconds(2)));
        stub.failNext(Fault.unavailable());

        HttpResponse<String> limited = send(TRIGGER);
        HttpResponse<String> unavailable = send(TRIGGER);
        HttpResponse<String> accepted = send(TRIGGER);

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("2");
        assertThat(limited.body()).contains("API rate limit exceeded");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(accepted.statusCode()).isEqualTo(201);
        assertThat(stub.acceptedTransactionIds()).containsExactly("tx-1");
    }

    @Test
    void keepsFailingUntilRecovered() throws Exception {
        stub.failUntilRecovered(Fault.status(502));

        assertThat(send(TRIGGER).statusCode()).isEqualTo(502);
        assertThat(send(TRIGGER).statusCode()).isEqualTo(502);
        stub.recover();

        assertThat(send(TRIGGER).statusCode()).isEqualTo(201);
    }

    @Test
    void recordsEveryRequestWithHeadersBodyAndAnswer() throws Exception {
        stub.failNext(Fault.internalError());
        send(TRIGGER);
        send(TRIGGER);

        assertThat(stub.requests()).hasSize(2);
        RecordedRequest first = stub.requests().get(0);
        assertThat(first.isTrigger()).isTrue();
        assertThat(first.status()).isEqualTo(500);
        assertThat(first.header("authorization")).contains("ApiKey " + stub.apiKey());
        assertThat(first.header("Idempotency-Key")).contains("tx-1");
        assertThat(first.json().path("transactionId").asText()).isEqualTo("tx-1");
        assertThat(stub.requests().get(1).status()).isEqualTo(201);
    }

    @Test
    void doesNotCountIdempotentReplaysAsNewEvents() throws Exception {
        send(TRIGGER);
        HttpResponse<String> replay = send(TRIGGER);

        assertThat(replay.headers().firstValue("Idempotency-Replay")).contains("true");
        assertThat(stub.requests()).extracting(RecordedRequest::replayed).containsExactly(false, true);
        assertThat(stub.acceptedEvents()).hasSize(1);
    }

    @Test
    void servesTheApiOnlyUnderItsBasePath() throws Exception {
        try (StrictNovuStub proxied = StrictNovuStub.builder().basePath("/api").start()) {
            String body = TRIGGER;
            HttpResponse<String> underBase = http.send(
                    HttpRequest.newBuilder(URI.create(proxied.baseUrl() + StrictNovuStub.TRIGGER_PATH))
                            .header("Authorization", "ApiKey " + proxied.apiKey())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> outside = http.send(
                    HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + proxied.port() + StrictNovuStub.TRIGGER_PATH))
                            .header("Authorization", "ApiKey " + proxied.apiKey())
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(proxied.baseUrl()).endsWith("/api");
            assertThat(underBase.statusCode()).isEqualTo(201);
            assertThat(outside.statusCode()).isEqualTo(404);
            assertThat(proxied.requests())
                    .extracting(RecordedRequest::path)
                    .containsExactly(StrictNovuStub.TRIGGER_PATH, StrictNovuStub.TRIGGER_PATH);
            assertThat(proxied.acceptedTransactionIds()).containsExactly("tx-1");
        }
    }

    @Test
    void delaysAnswerWhenScripted() throws Exception {
        stub.failNext(Fault.delay(Duration.ofSeconds(2)));
        HttpRequest request = request(TRIGGER).timeout(Duration.ofMillis(200)).build();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> http.send(request, HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(java.net.http.HttpTimeoutException.class);
    }

    private HttpResponse<String> send(String body) throws Exception {
        return http.send(request(body).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String body) {
        return HttpRequest.newBuilder(URI.create(stub.baseUrl() + StrictNovuStub.TRIGGER_PATH))
                .header("Authorization", "ApiKey " + stub.apiKey())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "tx-1")
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }
}
