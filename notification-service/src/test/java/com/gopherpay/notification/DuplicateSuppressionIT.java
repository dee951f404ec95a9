package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SharedService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One event, one email: repeated transactionIds and Idempotency-Keys never send a second one. */
class DuplicateSuppressionIT {

    private final RunningService service = SharedService.service();
    private final Mailbox mailbox = SharedService.mailbox();

    @Test
    void sendsOneEmailForConcurrentTriggersWithTheSameTransactionId() throws Exception {
        String transactionId = UUID.randomUUID().toString();
        String email = "dup-" + UUID.randomUUID() + "@example.test";
        String body = TriggerApiIT.verificationTrigger(
                transactionId, UUID.randomUUID().toString(), email, "http://h/verify-email?token=dup");

        List<HttpResponse<String>> responses = postAllAtOnce(6, body);

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).contains("\"processed\"").contains(transactionId);
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(service.messageStatus(transactionId)));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> mailbox.to(email).size() == 1);
    }

    /** Posts {@code body} from {@code count} threads released together, so the requests really overlap. */
    private List<HttpResponse<String>> postAllAtOnce(int count, String body) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return service.post("/v1/events/trigger", body);
                }));
            }
            assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
            go.countDown();
            List<HttpResponse<String>> responses = new ArrayList<>();
            for (Future<HttpResponse<String>> future : futures) {
                responses.add(future.get(30, TimeUnit.SECONDS));
            }
            return responses;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void sendsOneEmailAndReplaysTheResponseForARepeatedIdempotencyKey() {
        String key = "idem-" + UUID.randomUUID();
        String email = "idem-" + UUID.randomUUID() + "@example.test";
        // Different transactionIds are impossible with one body, so give none: only the key deduplicates.
        String body = TriggerApiIT.verificationTrigger(
                        "unused", UUID.randomUUID().toString(), email, "http://h/verify-email?token=idem")
                .replace(",\n \"transactionId\":\"unused\"", "");

        HttpResponse<String> first = service.post("/v1/events/trigger", body, "Idempotency-Key", key);
        HttpResponse<String> repeat = service.post("/v1/events/trigger", body, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotency-Replay")).isEmpty();
        assertThat(repeat.statusCode()).isEqualTo(201);
        assertThat(repeat.headers().firstValue("Idempotency-Replay")).contains("true");
        assertThat(repeat.headers().firstValue("Idempotency-Key")).contains(key);
        assertThat(repeat.body()).isEqualTo(first.body());
        await().atMost(Duration.ofSeconds(20)).until(() -> mailbox.to(email).size() == 1);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> mailbox.to(email).size() == 1);
    }
}
