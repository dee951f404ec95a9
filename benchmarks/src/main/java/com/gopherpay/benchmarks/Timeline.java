package com.gopherpay.benchmarks;

import com.gopherpay.benchmarks.chart.Point;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Events counted per second of a window (per-second buckets), for a throughput-over-the-run chart: a steady line is a
 * steady state; a ramp or a gap shows warm-up, garbage collection or a stall that one average hides.
 */
final class Timeline {

    /** Buckets for the longest window a benchmark runs; later events are counted in the last one. */
    private static final int MAX_SECONDS = 3600;

    private final AtomicLongArray buckets = new AtomicLongArray(MAX_SECONDS);

    /** Counts one event that happened {@code sinceStart} after the window began; earlier ones are ignored. */
    void record(Duration sinceStart) {
        if (sinceStart.isNegative()) {
            return;
        }
        buckets.incrementAndGet((int) Math.min(MAX_SECONDS - 1, sinceStart.toSeconds()));
    }

    /**
     * Events in each whole second of a window that lasted {@code length}: a last, partial second would read as a drop
     * in throughput, so it is left out.
     */
    long[] perSecond(Duration length) {
        int seconds = (int) Math.min(MAX_SECONDS, Math.max(0, length.toSeconds()));
        long[] counts = new long[seconds];
        for (int i = 0; i < seconds; i++) {
            counts[i] = buckets.get(i);
        }
        return counts;
    }

    /** {@link #perSecond} as chart points at the middle of each second. */
    List<Point> points(Duration length) {
        long[] counts = perSecond(length);
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < counts.length; i++) {
            points.add(new Point(i + 0.5, counts[i]));
        }
        return points;
    }
}
