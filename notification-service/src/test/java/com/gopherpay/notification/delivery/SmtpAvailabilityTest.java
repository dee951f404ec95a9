package com.gopherpay.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.notification.config.NotificationProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SmtpAvailabilityTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final SmtpAvailability availability = new SmtpAvailability(
            new NotificationProperties(
                    List.of(),
                    null,
                    new NotificationProperties.Delivery(
                            true,
                            2,
                            50,
                            Duration.ofSeconds(1),
                            Duration.ofMinutes(2),
                            Duration.ofSeconds(2),
                            2.0,
                            Duration.ofMinutes(5),
                            Duration.ofHours(24),
                            new NotificationProperties.Outage(Duration.ofSeconds(1), Duration.ofSeconds(5))),
                    null,
                    null,
                    null,
                    Map.of()),
            meters);

    @Test
    void opensOncePerOutageAndProbesAtDoublingIntervalsUpToTheMaximum() {
        assertThat(availability.connectFailed("refused", T0, T0)).isTrue();
        assertThat(availability.connectFailed("refused", T0, T0.plusMillis(5))).isFalse();
        assertThat(meters.get("notification.smtp.outages").counter().count()).isEqualTo(1);
        assertThat(meters.get("notification.smtp.up").gauge().value()).isZero();

        assertThat(availability.startProbe(T0.plusMillis(999))).isFalse();
        Instant probe = T0.plusSeconds(1);
        for (long expectedWait : new long[] {2, 4, 5, 5}) {
            assertThat(availability.startProbe(probe)).isTrue();
            // Only one thread probes at a time.
            assertThat(availability.startProbe(probe)).isFalse();
            availability.probeFailed("still refused", probe);
            assertThat(availability.untilNextProbe(probe)).isEqualTo(Duration.ofSeconds(expectedWait));
            probe = probe.plusSeconds(expectedWait);
        }
        assertThat(availability.outage().failedProbes()).isEqualTo(4);
        assertThat(availability.outage().lastError()).isEqualTo("still refused");

        assertThat(availability.startProbe(probe)).isTrue();
        SmtpAvailability.Ended ended = availability.probeSucceeded(probe);

        assertThat(ended.duration()).isEqualTo(Duration.between(T0, probe));
        assertThat(availability.isDown()).isFalse();
        assertThat(meters.get("notification.smtp.up").gauge().value()).isEqualTo(1);
    }

    @Test
    void ignoresAConnectionThatWasTriedBeforeTheLastOutageEnded() {
        availability.connectFailed("refused", T0, T0);
        availability.startProbe(T0.plusSeconds(1));
        availability.probeSucceeded(T0.plusSeconds(1));

        // A thread that started connecting during the outage times out only now.
        assertThat(availability.connectFailed("timed out", T0.plusMillis(500), T0.plusSeconds(10)))
                .isFalse();
        assertThat(availability.isDown()).isFalse();
        assertThat(availability.connectFailed("refused", T0.plusSeconds(11), T0.plusSeconds(11)))
                .isTrue();
        assertThat(meters.get("notification.smtp.outages").counter().count()).isEqualTo(2);
    }
}
