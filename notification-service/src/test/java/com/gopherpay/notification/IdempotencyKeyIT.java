package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SharedService;
import com.gopherpay.notification.support.TriggerBodies;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** Idempotency-Key beyond plain replay: a key still in flight, a key too long, a server error that releases its key. */
class IdempotencyKeyIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RunningService service = SharedService.service();

    @Test
    void releasesTheIdempotencyKeyOfAServerErrorSoTheRetryRunsAgain() throws Exception {
        String transactionId = "refused-" + UUID.randomUUID();
        String key = "retry-after-500-" + UUID.randomUUID();
        String body =
                TriggerBodies.verification(transactionId, UUID.randomUUID().toString(), "r@example.test", "http://h/v");
        // A database that refuses the write, as one that is failing over would.
        service.jdbc()
                .sql("ALTER TABLE triggers ADD CONSTRAINT refuse_for_test CHECK (transaction_id NOT LIKE 'refused-%')")
                .update();
        HttpResponse<String> failed;
        try {
            failed = service.post("/v1/events/trigger", body, "Idempotency-Key", key);
        } finally {
            service.jdbc()
                    .sql("ALTER TABLE triggers DROP CONSTRAINT refuse_for_test")
                    .update();
        }

        HttpResponse<String> retried = service.post("/v1/events/trigger", body, "Idempotency-Key", key);
        HttpResponse<String> repeated = service.post("/v1/events/trigger", body, "Idempotency-Key", key);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotency-Replay")).isEmpty();
        assertThat(repeated.statusCode()).isEqualTo(201);
        assertThat(repeated.headers().firstValue("Idempotency-Replay")).contains("true");
    }

    @Test
    void answersIdempotencyKeyStillInFlightWith409AndRetryAfter() throws Exception {
        String key = "in-flight-" + UUID.randomUUID();
        Instant now = Instant.now();
        service.jdbc()
                .sql("""
                        INSERT INTO idempotency_keys
                            (environment_id, idempotency_key, body_hash, completed, created_at, expires_at)
                        VALUES ('test', :key, 'unknown', FALSE, :now, :until)""")
                .param("key", key)
                .param("now", Timestamp.from(now))
                .param("until", Timestamp.from(now.plusSeconds(300)))
                .update();

        HttpResponse<String> response = service.post(
                "/v1/events/trigger",
                TriggerBodies.verification(key, key, "flight@example.test", "http://h/verify-email?token=f"),
                "Idempotency-Key",
                key);

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(response.headers().firstValue("Retry-After")).contains("1");
        assertThat(JSON.readTree(response.body()).path("message").asString())
                .isEqualTo(
                        "Request with key \"" + key + "\" is currently being processed. Please retry after 1 second");
    }

    @Test
    void rejectsIdempotencyKeyLongerThan255With400() throws Exception {
        String key = "k".repeat(256);

        HttpResponse<String> response = service.post(
                "/v1/events/trigger",
                TriggerBodies.verification("long", "long", "long@example.test", "http://h/verify-email?token=l"),
                "Idempotency-Key",
                key);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("message").asString())
                .contains("exceeded the maximum allowed length of 255 characters");
    }
}
