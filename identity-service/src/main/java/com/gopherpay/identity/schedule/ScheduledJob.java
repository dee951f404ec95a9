package com.gopherpay.identity.schedule;

import java.time.Duration;
import org.springframework.context.SmartLifecycle;

/**
 * A bean whose {@link #runScheduled()} runs as a {@link PeriodicTask} from the moment the application context has
 * started until it stops (before the data source closes): the housekeeping jobs extend it, so each only says what one
 * run does and how often.
 */
public abstract class ScheduledJob implements SmartLifecycle {

    private final String name;
    private final Duration interval;
    private final boolean enabled;
    private PeriodicTask task;

    /**
     * @param name the job's thread name, and what its failure log line calls it
     * @param interval the delay before the first run and between the end of one run and the start of the next
     * @param enabled whether it runs at all (a disabled job is still there to be run by hand, e.g. in tests)
     */
    protected ScheduledJob(String name, Duration interval, boolean enabled) {
        this.name = name;
        this.interval = interval;
        this.enabled = enabled;
    }

    /** One scheduled run; an exception is logged at WARN and the next run retries. */
    protected abstract void runScheduled();

    @Override
    public final synchronized void start() {
        if (task == null && enabled) {
            task = PeriodicTask.start(name, interval, interval, this::runScheduled);
        }
    }

    @Override
    public final synchronized void stop() {
        if (task != null) {
            task.stop();
            task = null;
        }
    }

    @Override
    public final synchronized boolean isRunning() {
        return task != null;
    }
}
