package com.gopherpay.benchmarks;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Open-loop load: requests on a fixed timetable, {@code rate} per second, whether or not earlier ones have answered.
 * Each latency is measured from the request's <em>scheduled</em> time, so a stall (of the service or of this
 * generator) counts against every request it delays, instead of silently sending fewer requests (no coordinated
 * omission).
 */
final class OpenLoop {

    private static final Duration DRAIN = Duration.ofMinutes(5);

    private OpenLoop() {}

    /**
     * Sends {@code rate} requests per second for {@code duration} and waits for their answers; the window's length
     * is the timetable's, so its throughput is the rate actually served.
     */
    static LoadWindow run(String name, Operation operation, int success, double rate, Duration duration)
            throws InterruptedException {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("An open-loop rate must be positive, got " + rate);
        }
        LoadWindow window = new LoadWindow(name, success);
        // One thread per request in flight: a fixed pool would queue requests in this JVM when the service slows
        // down, which the latency from the scheduled time would count but the service would never see.
        ExecutorService clients = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, name + "-client");
            thread.setDaemon(true);
            return thread;
        });
        long begin = System.nanoTime();
        long requests = (long) Math.floor(duration.toNanos() / 1e9 * rate);
        try {
            for (long i = 0; i < requests; i++) {
                long scheduled = begin + Math.round(i * 1e9 / rate);
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait); // pacing the timetable, not waiting for a result
                }
                clients.execute(() -> {
                    int status = ClosedLoop.call(operation);
                    long end = System.nanoTime();
                    window.record(status, Duration.ofNanos(end - scheduled), Duration.ofNanos(end - begin));
                });
            }
        } finally {
            clients.shutdown();
        }
        if (!clients.awaitTermination(DRAIN.toSeconds(), TimeUnit.SECONDS)) {
            clients.shutdownNow();
            System.out.printf(
                    "%s: requests still unanswered %d s after the timetable ended%n", name, DRAIN.toSeconds());
        }
        window.finish(duration);
        return window;
    }
}
