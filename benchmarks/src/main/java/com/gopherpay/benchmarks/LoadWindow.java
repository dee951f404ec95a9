package com.gopherpay.benchmarks;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one measured window of requests gave: its length, the HTTP outcomes ({@code -1} for a request that failed
 * without an answer), the latencies and the successes per second.
 */
final class LoadWindow {

    /** The outcome counted for a request that got no HTTP answer. */
    static final int NO_ANSWER = -1;

    private final String name;
    private final int success;
    private final Map<Integer, LongAdder> outcomes = new ConcurrentHashMap<>();
    private final Latencies latencies = new Latencies();
    private final Timeline timeline = new Timeline();
    private volatile Duration length = Duration.ZERO;

    /** A window named {@code name} in which {@code success} is the status of a request that did its job. */
    LoadWindow(String name, int success) {
        this.name = name;
        this.success = success;
    }

    /** Records one request: its status, its latency and, when it succeeded, when it ended in the window. */
    void record(int status, Duration latency, Duration endedSinceStart) {
        outcomes.computeIfAbsent(status, code -> new LongAdder()).increment();
        latencies.record(latency);
        if (status == success) {
            timeline.record(endedSinceStart);
        }
    }

    void finish(Duration length) {
        this.length = length;
    }

    String name() {
        return name;
    }

    double seconds() {
        return length.toNanos() / 1e9;
    }

    Duration length() {
        return length;
    }

    long succeeded() {
        LongAdder count = outcomes.get(success);
        return count == null ? 0 : count.sum();
    }

    /** Successful requests per second over the window. */
    double throughput() {
        return seconds() == 0 ? 0 : succeeded() / seconds();
    }

    Latencies latencies() {
        return latencies;
    }

    Timeline timeline() {
        return timeline;
    }

    /** Outcomes by status, in status order. */
    Map<Integer, Long> outcomes() {
        Map<Integer, Long> sorted = new TreeMap<>();
        outcomes.forEach((status, count) -> sorted.put(status, count.sum()));
        return sorted;
    }
}
