package com.gopherpay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.embedded.testing.TestDatabases;
import com.gopherpay.notification.support.RunningService;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Shutdown is bounded by one lease however many delivery threads are stuck on a silent SMTP server. */
class DeliveryShutdownIT {

    @Test
    void waitsAtMostOneLeaseForAllDeliveryThreadsTogether() throws Exception {
        // Connections are queued by the kernel but never accepted, so no greeting ever comes.
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                RunningService service = RunningService.start(
                        TestDatabases.create("notification_shutdown"),
                        silent.getLocalPort(),
                        "--notification.delivery.threads=2",
                        "--notification.delivery.batch-size=1",
                        "--notification.delivery.lease=5s",
                        "--spring.mail.properties.mail.smtp.timeout=30000")) {
            for (int i = 0; i < 2; i++) {
                assertThat(service.post("/v1/events/trigger", """
                                        {"name":"account-exists","to":{"subscriberId":"%s","email":"stuck@example.test"},
                                         "payload":{"loginLink":"http://h/login"}}""".formatted(UUID.randomUUID()))
                                .statusCode())
                        .isEqualTo(201);
            }
            // Each thread has claimed one message and waits for the server.
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> service.jdbc()
                                    .sql("SELECT count(*) FROM messages WHERE attempts = 1 AND status = 'queued'")
                                    .query(Long.class)
                                    .single()
                            == 2);

            long started = System.nanoTime();
            service.bean(DeliveryWorker.class).stop();
            Duration waited = Duration.ofNanos(System.nanoTime() - started);

            // A shared deadline: one lease (5 s) for both threads. Waiting a lease per thread would take 10 s; the
            // bound sits between the two with room for a loaded machine, so this checks the contract, not speed.
            assertThat(waited).isLessThan(Duration.ofSeconds(9));
        }
    }
}
