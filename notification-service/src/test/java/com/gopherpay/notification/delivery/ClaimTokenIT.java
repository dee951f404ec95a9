package com.gopherpay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.notification.message.Messages;
import com.gopherpay.notification.message.QueuedEmail;
import com.gopherpay.notification.message.SentContent;
import com.gopherpay.notification.support.RunningService;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A worker whose lease ran out and whose messages were claimed again can no longer change them. */
class ClaimTokenIT {

    private final RunningService service = DeliveryTestService.service();
    private final Messages messages = service.bean(Messages.class);

    @Test
    void ignoresUpdatesFromAClaimThatWasTakenOver() {
        String transactionId = UUID.randomUUID().toString();
        assertThat(service.post("/v1/events/trigger", """
                                {"name":"account-exists","to":{"subscriberId":"%s","email":"claim@example.test"},
                                 "transactionId":"%s","payload":{"loginLink":"http://h/login"}}""".formatted(UUID.randomUUID(), transactionId))
                        .statusCode())
                .isEqualTo(201);
        Duration lease = Duration.parse("PT" + DeliveryTestService.LEASE);
        Instant now = Instant.now();
        UUID slow = UUID.randomUUID();
        UUID id = idOf(messages.claimDue(slow, 50, now, now.plus(lease)), transactionId);
        Instant afterLease = now.plus(lease).plusSeconds(1);
        UUID next = UUID.randomUUID();
        assertThat(idOf(messages.claimDue(next, 50, afterLease, afterLease.plus(lease)), transactionId))
                .isEqualTo(id);

        assertThat(messages.retryLater(slow, id, "late", afterLease.plusSeconds(60), afterLease))
                .isFalse();
        assertThat(messages.markFailed(slow, id, "late", null, afterLease)).isFalse();
        assertThat(messages.release(slow, List.of(id), afterLease)).isZero();
        assertThat(messages.markSent(slow, List.of(sent(id)), afterLease)).isZero();
        assertThat(service.messageStatus(transactionId)).isEqualTo("queued");

        assertThat(messages.markSent(next, List.of(sent(id)), afterLease)).isEqualTo(1);
        assertThat(service.messageStatus(transactionId)).isEqualTo("sent");

        // Finished, the message holds no claim any more: not even the claim that sent it changes it again.
        assertThat(messages.markFailed(next, id, "late", null, afterLease)).isFalse();
        assertThat(messages.retryLater(next, id, "late", afterLease.plusSeconds(60), afterLease))
                .isFalse();
        assertThat(messages.release(next, List.of(id), afterLease)).isZero();
        assertThat(messages.markSent(next, List.of(sent(id)), afterLease)).isZero();
        assertThat(service.messageStatus(transactionId)).isEqualTo("sent");
    }

    private static SentContent sent(UUID id) {
        return SentContent.of(id, "Subject", "<p>html</p>", "text");
    }

    private static UUID idOf(List<QueuedEmail> claimed, String transactionId) {
        return claimed.stream()
                .filter(email -> email.transactionId().equals(transactionId))
                .findFirst()
                .orElseThrow()
                .id();
    }
}
