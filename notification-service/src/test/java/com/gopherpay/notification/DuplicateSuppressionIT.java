package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SharedService;
import com.gopherpay.notification.support.TriggerBodies;
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
        String body = TriggerBodies.verification(
                transactionId, UUID.randomUUID().toString(), email, "http://h/verify-email?token=dup");

        List<HttpResponse<String>> responses = postAllAtOnce("/v1/events/trigger", body, body, body, body, body, body);

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.statusCode()).isEqualTo(201);
            assertThat(response.body()).contains("\"processed\"").contains(transactionId);
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(service.messageStatus(transactionId)));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> mailbox.to(email).size() == 1);
    }

    /** Posts each body from its own thread, the threads released together, so the requests really overlap. */
    private List<HttpResponse<String>> postAllAtOnce(String path, String... bodies) throws Exception {
        int count = bodies.length;
        ExecutorService threads = Executors.newFixedThreadPool(count);
        try {
            CountDownLatch ready = new CountDownLatch(count);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<HttpResponse<String>>> futures = new ArrayList<>();
            for (String body : bodies) {
                futures.add(threads.submit(() -> {
                    ready.countDown();
                    go.await();
                    return service.post(path, body);
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
        // No transactionId (a repeated one would deduplicate by itself): only the key can suppress the repeat.
        String body = TriggerBodies.verificationWithoutTransactionId(
                UUID.randomUUID().toString(), email, "http://h/verify-email?token=idem");

        HttpResponse<String> first = service.post("/v1/events/trigger", body, "Idempotency-Key", key);
        HttpResponse<String> repeat = service.post("/v1/events/trigger", body, "Idempotency-Key", key);

        assertThat(first.statusCode()).isEqualTo(201);
        // The service generated the transactionId, so nothing but the key can have suppressed the repeat.
        assertThat(first.body()).containsPattern("\"transactionId\":\"txn_[0-9a-f]{24}\"");
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

    @Test
    void sendsOneEmailForATransactionIdRepeatedWithinOneBulkRequest() throws Exception {
        String transactionId = UUID.randomUUID().toString();
        String firstEmail = "dup-first-" + UUID.randomUUID() + "@example.test";
        String secondEmail = "dup-second-" + UUID.randomUUID() + "@example.test";
        String body = "{\"events\":["
                + TriggerBodies.verification(
                        transactionId, UUID.randomUUID().toString(), firstEmail, "http://h/verify-email?token=1")
                + ","
                + TriggerBodies.verification(
                        transactionId, UUID.randomUUID().toString(), secondEmail, "http://h/verify-email?token=2")
                + "]}";

        HttpResponse<String> response = service.post("/v1/events/trigger/bulk", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(response.body()).doesNotContain("\"error\"");
        await().atMost(Duration.ofSeconds(20)).until(() -> "sent".equals(service.messageStatus(transactionId)));
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(3))
                .until(() -> mailbox.to(firstEmail).size() == 1
                        && mailbox.to(secondEmail).isEmpty());
    }

    /**
     * Bulk requests queue all their events in one transaction. Concurrent ones upserting the same subscribers in
     * opposite orders must all be accepted, and every email sent exactly once; a request repeating another's
     * transactionIds at the same moment sends nothing more. (Rows are locked in key order, so such requests cannot
     * deadlock; how closely the requests overlap is up to the scheduler, so this test cannot force the interleaving
     * that would deadlock without that order.)
     */
    @Test
    void bulkRequestsOverlappingInOppositeOrdersNeitherDeadlockNorSendTwice() throws Exception {
        String run = UUID.randomUUID().toString();
        int subscribers = 50;
        List<String> bodies = new ArrayList<>();
        for (int request = 0; request < 4; request++) {
            List<String> events = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                int subscriber = request % 2 == 0 ? i : subscribers - 1 - i;
                events.add(TriggerBodies.verification(
                        run + "-" + request + "-" + subscriber,
                        "overlap-" + run + "-" + subscriber,
                        "overlap-" + run + "-" + subscriber + "@example.test",
                        "http://h/v"));
            }
            bodies.add("{\"events\":[" + String.join(",", events) + "]}");
        }
        bodies.add(bodies.get(0)); // the same transactionIds again, concurrently with the first

        List<HttpResponse<String>> responses = postAllAtOnce("/v1/events/trigger/bulk", bodies.toArray(String[]::new));

        assertThat(responses)
                .allSatisfy(response ->
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(201));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> service.jdbc()
                                .sql("SELECT count(*) FROM messages WHERE transaction_id LIKE :run AND status = 'sent'")
                                .param("run", run + "-%")
                                .query(Long.class)
                                .single()
                        == 4L * subscribers);
        await().during(Duration.ofSeconds(1))
                .atMost(Duration.ofSeconds(5))
                .until(() -> java.util.stream.IntStream.range(0, subscribers)
                        .allMatch(i -> mailbox.to("overlap-" + run + "-" + i + "@example.test")
                                        .size()
                                == 4));
    }
}
