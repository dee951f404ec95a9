package com.gopherpay.benchmarks;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Closed-loop load: {@code concurrency} clients, each sending its next request as soon as its last one answered,
 * until the window ends. Measures capacity (requests/s at saturation); its latencies are service times under
 * saturation, not what users at a given arrival rate see (that is {@link OpenLoop}).
 */
final class ClosedLoop {

    private ClosedLoop() {}

    static LoadWindow run(String name, Operation operation, int success, int concurrency, Duration duration)
            throws InterruptedException {
        LoadWindow window = new LoadWindow(name, success);
        long begin = System.nanoTime();
        long deadline = begin + duration.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            new Thread(
                            () -> {
                                try {
                                    while (System.nanoTime() < deadline) {
                                        long start = System.nanoTime();
                                        int status = call(operation);
                                        long end = System.nanoTime();
                                        window.record(
                                                status, Duration.ofNanos(end - start), Duration.ofNanos(end - begin));
                                    }
                                } finally {
                                    done.countDown();
                                }
                            },
                            name + "-client-" + i)
                    .start();
        }
        done.await();
        window.finish(Duration.ofNanos(System.nanoTime() - begin));
        return window;
    }

    /** The request's status, or {@link LoadWindow#NO_ANSWER}: one failed request must not end its client. */
    static int call(Operation operation) {
        try {
            return operation.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return LoadWindow.NO_ANSWER;
        } catch (Exception e) {
            return LoadWindow.NO_ANSWER;
        }
    }
}
