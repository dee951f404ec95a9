package com.gopherpay.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class LatenciesTest {

    @Test
    void percentilesOfAThousandLatenciesFromOneToAThousandMilliseconds() {
        Latencies latencies = new Latencies();
        for (int ms = 1; ms <= 1000; ms++) {
            latencies.record(Duration.ofMillis(ms));
        }

        Latencies.Percentiles p = latencies.percentiles();
        // Three significant digits: each value is within 0.1 % of the exact one.
        assertThat(p.p50()).isCloseTo(500, offset(1.0));
        assertThat(p.p90()).isCloseTo(900, offset(1.0));
        assertThat(p.p95()).isCloseTo(950, offset(1.0));
        assertThat(p.p99()).isCloseTo(990, offset(1.0));
        assertThat(p.p999()).isCloseTo(999, offset(1.0));
        assertThat(p.max()).isCloseTo(1000, offset(1.0));
        assertThat(p.count()).isEqualTo(1000);
        assertThat(p.values()).hasSameSizeAs(Latencies.Percentiles.LABELS);
    }

    @Test
    void aSingleStallShowsInTheMaximumAndTheTopPercentileOnly() {
        Latencies latencies = new Latencies();
        for (int i = 0; i < 999; i++) {
            latencies.record(Duration.ofMillis(10));
        }
        latencies.record(Duration.ofSeconds(2));

        Latencies.Percentiles p = latencies.percentiles();
        assertThat(p.p99()).isCloseTo(10, offset(0.1));
        assertThat(p.max()).isCloseTo(2000, offset(2.0));
    }

    @Test
    void noLatenciesGiveZeros() {
        assertThat(new Latencies().percentiles().values()).containsOnly(0.0);
        assertThat(new Latencies().summary()).contains("(n=0)");
    }

    @Test
    void latenciesBeyondTheHistogramsRangeCountAsItsLargestValue() {
        Latencies latencies = new Latencies();
        latencies.record(Duration.ofMinutes(20));

        assertThat(latencies.count()).isEqualTo(1);
        assertThat(latencies.percentiles().max())
                .isGreaterThanOrEqualTo(Duration.ofMinutes(5).toMillis() * 0.999);
    }
}
