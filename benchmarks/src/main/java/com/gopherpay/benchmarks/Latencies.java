package com.gopherpay.benchmarks;

import java.time.Duration;
import org.HdrHistogram.ConcurrentHistogram;

/** Latency percentiles in milliseconds. */
final class Latencies {

    private final ConcurrentHistogram histogram =
            new ConcurrentHistogram(Duration.ofMinutes(5).toNanos(), 3);

    void record(Duration latency) {
        histogram.recordValue(Math.max(0, latency.toNanos()));
    }

    long count() {
        return histogram.getTotalCount();
    }

    String summary() {
        return String.format(
                "p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (n=%d)",
                ms(50), ms(95), ms(99), histogram.getMaxValue() / 1e6, histogram.getTotalCount());
    }

    private double ms(double percentile) {
        return histogram.getValueAtPercentile(percentile) / 1e6;
    }
}
