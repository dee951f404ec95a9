package com.gopherpay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoadWindowTest {

    @Test
    void throughputCountsOnlySuccessesOverTheWindowsLength() {
        LoadWindow window = new LoadWindow("native saturation", 201);
        for (int i = 0; i < 100; i++) {
            window.record(201, Duration.ofMillis(20), Duration.ofMillis(i * 10L));
        }
        window.record(503, Duration.ofSeconds(2), Duration.ofMillis(500));
        window.record(LoadWindow.NO_ANSWER, Duration.ofSeconds(5), Duration.ofMillis(900));
        window.finish(Duration.ofSeconds(2));

        assertThat(window.succeeded()).isEqualTo(100);
        assertThat(window.throughput()).isEqualTo(50.0);
        assertThat(window.outcomes()).containsExactly(Map.entry(-1, 1L), Map.entry(201, 100L), Map.entry(503, 1L));
        assertThat(window.latencies().count()).isEqualTo(102);
        assertThat(window.timeline().perSecond(window.length())).containsExactly(100, 0);
    }

    @Test
    void anUnfinishedWindowHasNoThroughput() {
        LoadWindow window = new LoadWindow("w", 200);
        window.record(200, Duration.ofMillis(1), Duration.ZERO);

        assertThat(window.throughput()).isZero();
    }
}
