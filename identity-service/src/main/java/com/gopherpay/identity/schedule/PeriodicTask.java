package com.gopherpay.identity.schedule;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task that runs on its own daemon thread, named after it, with a fixed delay from the end of one run to the start of
 * the next, so runs of one task never overlap and a slow run delays the next instead of piling up. A run that throws
 * (the database or Kafka away) is logged at WARN with the exception's summary and does not end the schedule: the next
 * run retries. Nothing is logged for a run interrupted by {@link #stop}.
 */
public final class PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final ScheduledExecutorService executor;

    private PeriodicTask(String name, ScheduledExecutorService executor) {
        this.name = name;
        this.executor = executor;
    }

    /**
     * Starts running {@code task} after {@code initialDelay}, then {@code interval} after each run ends.
     *
     * @param name the thread's name, and what the failure log line calls the task (e.g. {@code session-cleanup})
     */
    public static PeriodicTask start(String name, Duration initialDelay, Duration interval, Runnable task) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException(name + ": the interval must be positive, not " + interval);
        }
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(
                () -> runGuarded(name, task), initialDelay.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return new PeriodicTask(name, executor);
    }

    private static void runGuarded(String name, Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) {
                log.warn("{} failed, will retry: {}", name, e.toString());
            }
        }
    }

    /** Stops at once: no further runs, and a run under way is interrupted. */
    public void stop() {
        executor.shutdownNow();
    }

    /**
     * No further runs; a run under way may finish within {@code grace}, then it is interrupted.
     *
     * @return whether the task's thread ended (within {@code grace} and 5 s more after the interrupt)
     */
    public boolean stop(Duration grace) {
        executor.shutdown();
        try {
            if (executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return true;
            }
            executor.shutdownNow();
            return executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public String toString() {
        return "PeriodicTask[" + name + (executor.isShutdown() ? ", stopped]" : "]");
    }
}
