package com.gopherpay.benchmarks;

import java.time.Duration;
import java.util.List;
import org.HdrHistogram.ConcurrentHistogram;

/** Latency percentiles in milliseconds. */
final class Latencies {

    private final ConcurrentHistogram histogram =
            new ConcurrentHistogram(Duration.ofMinutes(5).toNanos(), 3);

    void record(Duration latency) {
        histogram.recordValue(Math.min(histogram.getHighestTrackableValue(), Math.max(0, latency.toNanos())));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** p50, p90, p95, p99, p99.9 and the maximum, as charted. */
    Percentiles percentiles() {
        return new Percentiles(ms(50), ms(90), ms(95), ms(99), ms(99.9), histogram.getMaxValue() / 1e6, count());
    }

    String summary() {
        Percentiles p = percentiles();
        return String.format(
                "p50 %.1f ms, p90 %.1f ms, p95 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, max %.1f ms (n=%d)",
                p.p50(), p.p90(), p.p95(), p.p99(), p.p999(), p.max(), p.count());
    }

    private double ms(double percentile) {
        return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1e6;
    }

    /** Percentiles in milliseconds, from {@code count} recorded latencies. */
    record Percentiles(double p50, double p90, double p95, double p99, double p999, double max, long count) {

        static final List<String> LABELS = List.of("p50", "p90", "p95", "p99", "p99.9", "max");

        /** The values in the order of {@link #LABELS}. */
        List<Double> values() {
            return List.of(p50, p90, p95, p99, p999, max);
        }
    }
}
