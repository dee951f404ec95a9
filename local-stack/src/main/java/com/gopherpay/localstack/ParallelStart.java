package com.gopherpay.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts parts that do not depend on each other at the same time, each on a thread of its own, and logs when each
 * was ready. The first failure decides: {@code abandon} is called at once (the stack closes, so the other steps stop
 * what they started and give up), every other step is waited for, and that first failure is thrown. Steps are never
 * interrupted: a part half-way through its start could not be stopped cleanly, so each step is left to notice the
 * closed stack itself, as a start on the caller's thread does.
 */
final class ParallelStart {

    private static final Logger log = LoggerFactory.getLogger(ParallelStart.class);
    /** What the step running on this thread wants said in its ready line (CPU used, class data archive). */
    private static final ThreadLocal<String> readyNote = new ThreadLocal<>();

    private final long beginNanos;
    private final Runnable abandon;
    private final Duration giveUp;

    /**
     * @param beginNanos {@link System#nanoTime()} at the start of the whole stack, for the ready times
     * @param abandon stops the stack after a failure (called once, on the caller's thread)
     * @param giveUp how long the other steps get to give up after a failure
     */
    ParallelStart(long beginNanos, Runnable abandon, Duration giveUp) {
        this.beginNanos = beginNanos;
        this.abandon = abandon;
        this.giveUp = giveUp;
    }

    /** Runs every step at once, named for the log, and returns when all are ready. */
    void run(Map<String, Runnable> steps) {
        if (steps.size() == 1) {
            Map.Entry<String, Runnable> only = steps.entrySet().iterator().next();
            timed(only.getKey(), only.getValue());
            return;
        }
        ExecutorService threads = Executors.newFixedThreadPool(steps.size(), runnable -> {
            Thread thread = new Thread(runnable, "stack-start");
            thread.setDaemon(true);
            return thread;
        });
        CompletionService<String> done = new ExecutorCompletionService<>(threads);
        Map<Future<String>, String> names = new LinkedHashMap<>();
        steps.forEach((name, step) -> names.put(done.submit(() -> timed(name, step)), name));
        threads.shutdown();
        RuntimeException first = null;
        List<Future<String>> pending = new ArrayList<>(names.keySet());
        try {
            while (!pending.isEmpty() && first == null) {
                Future<String> finished = done.take();
                pending.remove(finished);
                first = failure(finished);
            }
            if (first != null) {
                abandon.run();
                if (!threads.awaitTermination(giveUp.toMillis(), TimeUnit.MILLISECONDS)) {
                    log.warn("{} did not give up within {} s", pendingNames(pending, names), giveUp.toSeconds());
                }
                throw first;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            abandon.run();
            throw new StartupFailed("Interrupted while the local stack was starting");
        }
    }

    /** Called by a step, on its own thread: {@code note} goes in parentheses after its ready time. */
    static void noteForReadyLine(String note) {
        readyNote.set(note);
    }

    private String timed(String name, Runnable step) {
        readyNote.remove();
        try {
            step.run();
            String note = readyNote.get();
            log.info(
                    "{} ready at {} s{}",
                    name,
                    String.format("%.1f", (System.nanoTime() - beginNanos) / 1e9),
                    note == null ? "" : " (" + note + ")");
            return name;
        } finally {
            readyNote.remove();
        }
    }

    /** The step's failure as thrown, or null when it succeeded. */
    private static RuntimeException failure(Future<String> finished) throws InterruptedException {
        try {
            finished.get();
            return null;
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                return runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return new IllegalStateException(cause);
        }
    }

    private static List<String> pendingNames(List<Future<String>> pending, Map<Future<String>, String> names) {
        return pending.stream().filter(f -> !f.isDone()).map(names::get).toList();
    }
}
