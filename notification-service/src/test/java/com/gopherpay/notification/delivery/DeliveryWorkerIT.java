package com.gopherpay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SmtpProxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery rounds against an SMTP server that misbehaves: never an email twice. */
class DeliveryWorkerIT {

    private final RunningService service = DeliveryTestService.service();
    private final Mailbox mailbox = DeliveryTestService.mailbox();
    private final SmtpProxy proxy = DeliveryTestService.proxy();
    private final DeliveryWorker worker = service.bean(DeliveryWorker.class);

    @AfterEach
    void behaveAgain() {
        proxy.swallowQuit(false);
        proxy.replyDelay(Duration.ZERO);
    }

    @Test
    void countsMessagesAsSentWhenOnlyClosingTheConnectionFailsAfterwards() {
        List<String> emails = trigger(3);
        proxy.swallowQuit(true);

        assertThat(worker.deliverDueBatch()).isEqualTo(3);

        assertThat(emails).allSatisfy(email -> {
            assertThat(mailbox.to(email)).hasSize(1);
            assertThat(statusOf(email)).isEqualTo("sent");
        });
        assertThat(worker.deliverDueBatch()).isZero();
        assertThat(emails).allSatisfy(email -> assertThat(mailbox.to(email)).hasSize(1));
    }

    @Test
    void recordsEachMessageAsSentBeforeStartingTheNext() {
        List<String> emails = trigger(2);
        // The batch's order is the database's: as each message is handed over, look at the other one.
        Map<String, String> otherWhileHandedOver = new ConcurrentHashMap<>();
        for (int i = 0; i < 2; i++) {
            String email = emails.get(i);
            String other = emails.get(1 - i);
            proxy.onCommand("RCPT TO:<" + email + ">", () -> otherWhileHandedOver.put(email, statusOf(other)));
        }

        assertThat(worker.deliverDueBatch()).isEqualTo(2);

        // Had the instance been killed while it handed over the second message, only that one would be in doubt (and
        // sent again after the lease): the first was recorded the moment the server accepted it.
        assertThat(otherWhileHandedOver.values()).containsExactlyInAnyOrder("queued", "sent");
        assertThat(emails).allSatisfy(email -> {
            assertThat(mailbox.to(email)).hasSize(1);
            assertThat(statusOf(email)).isEqualTo("sent");
        });
    }

    @Test
    void stopsStartingMessagesAfterHalfTheLeaseAndQueuesTheRestAgain() {
        List<String> emails = trigger(10);
        // About 0.75 s per message (five delayed replies each), so 10 messages would take far more than the lease.
        proxy.replyDelay(Duration.ofMillis(150));

        assertThat(worker.deliverDueBatch()).isEqualTo(10);

        List<String> sent =
                emails.stream().filter(email -> "sent".equals(statusOf(email))).toList();
        List<String> released =
                emails.stream().filter(email -> !sent.contains(email)).toList();
        assertThat(sent)
                .isNotEmpty()
                .allSatisfy(email -> assertThat(mailbox.to(email)).hasSize(1));
        assertThat(released).isNotEmpty().allSatisfy(email -> {
            assertThat(mailbox.to(email)).isEmpty();
            assertThat(statusOf(email)).isEqualTo("queued");
            // Due again at once, and the attempt that never happened is not counted.
            assertThat(service.jdbc()
                            .sql("SELECT attempts = 0 AND next_attempt_at <= now() FROM messages WHERE email = :email")
                            .param("email", email)
                            .query(Boolean.class)
                            .single())
                    .isTrue();
        });

        proxy.replyDelay(Duration.ZERO);
        assertThat(worker.deliverDueBatch()).isEqualTo(released.size());
        assertThat(emails).allSatisfy(email -> {
            assertThat(mailbox.to(email)).hasSize(1);
            assertThat(statusOf(email)).isEqualTo("sent");
        });
    }

    private List<String> trigger(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> {
                    String email = "worker-" + i + "-" + UUID.randomUUID() + "@example.test";
                    assertThat(service.post("/v1/events/trigger", """
                                            {"name":"account-exists","to":{"subscriberId":"%s","email":"%s"},
                                             "payload":{"loginLink":"http://h/login"}}""".formatted(UUID.randomUUID(), email))
                                    .statusCode())
                            .isEqualTo(201);
                    return email;
                })
                .toList();
    }

    private String statusOf(String email) {
        return service.jdbc()
                .sql("SELECT status FROM messages WHERE email = :email")
                .param("email", email)
                .query(String.class)
                .single();
    }
}
