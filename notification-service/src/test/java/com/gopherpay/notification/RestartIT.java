package com.gopherpay.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.notification.support.Mailbox;
import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.TriggerBodies;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Nothing accepted with 201 is lost: messages queued before a restart are sent by the next instance. */
class RestartIT {

    @Test
    void deliversMessagesQueuedBeforeTheServiceRestarted() {
        TestDatabase database = TestDatabases.create("notification_restart");
        List<String> emails = IntStream.range(0, 3)
                .mapToObj(i -> "restart-" + i + "-" + UUID.randomUUID() + "@example.test")
                .toList();
        try (Mailbox mailbox = Mailbox.started(FreePorts.next())) {
            // The first instance accepts but never sends (as if it died right after answering).
            try (RunningService first =
                    RunningService.start(database, mailbox.port(), "--notification.delivery.enabled=false")) {
                for (String email : emails) {
                    assertThat(first.post(
                                            "/v1/events/trigger",
                                            TriggerBodies.verification(
                                                    UUID.randomUUID().toString(),
                                                    UUID.randomUUID().toString(),
                                                    email,
                                                    "http://h/verify-email?token=restart"))
                                    .statusCode())
                            .isEqualTo(201);
                }
            }
            assertThat(emails).allSatisfy(email -> assertThat(mailbox.to(email)).isEmpty());

            try (RunningService second = RunningService.start(database, mailbox.port())) {
                await().atMost(Duration.ofSeconds(20))
                        .untilAsserted(() -> assertThat(emails)
                                .allSatisfy(
                                        email -> assertThat(mailbox.to(email)).hasSize(1)));
                assertThat(second.jdbc()
                                .sql("SELECT count(*) FROM messages WHERE status = 'sent'")
                                .query(Long.class)
                                .single())
                        .isEqualTo(3);
            }
        }
    }
}
