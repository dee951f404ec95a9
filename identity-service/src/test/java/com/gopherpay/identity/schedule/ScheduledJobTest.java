package com.gopherpay.identity.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ScheduledJobTest {

    static final class CountingJob extends ScheduledJob {
        final AtomicInteger runs = new AtomicInteger();

        CountingJob(boolean enabled) {
            super("counting-job", Duration.ofMillis(5), enabled);
        }

        @Override
        protected void runScheduled() {
            runs.incrementAndGet();
        }
    }

    @Test
    void runsFromStartUntilStopAndStartsOnlyOnce() {
        CountingJob job = new CountingJob(true);
        assertThat(job.isRunning()).isFalse();

        job.start();
        job.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> job.runs.get() >= 2);
        assertThat(job.isRunning()).isTrue();

        job.stop();
        assertThat(job.isRunning()).isFalse();
        job.stop();
    }

    @Test
    void aDisabledJobNeverStarts() {
        CountingJob job = new CountingJob(false);

        job.start();

        assertThat(job.isRunning()).isFalse();
        assertThat(job.runs.get()).isZero();
    }
}
