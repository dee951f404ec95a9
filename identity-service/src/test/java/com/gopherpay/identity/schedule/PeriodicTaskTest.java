package com.gopherpay.identity.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PeriodicTaskTest {

    @Test
    void runsAgainAndAgainOnANamedDaemonThreadUntilStopped() throws InterruptedException {
        AtomicInteger runs = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        PeriodicTask task = PeriodicTask.start("test-task", Duration.ZERO, Duration.ofMillis(5), () -> {
            synchronized (threads) {
                threads.add(Thread.currentThread());
            }
            runs.incrementAndGet();
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        assertThat(task.stop(Duration.ofSeconds(5))).isTrue();
        int afterStop = runs.get();

        Thread worker;
        synchronized (threads) {
            assertThat(threads).allSatisfy(thread -> {
                assertThat(thread.getName()).isEqualTo("test-task");
                assertThat(thread.isDaemon()).isTrue();
            });
            worker = threads.get(0);
        }
        // The executor has terminated; its thread ends right after (a bounded wait, not a pause).
        worker.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(worker.isAlive()).isFalse();
        assertThat(runs.get()).isEqualTo(afterStop);
    }

    @Test
    void aFailedRunIsLoggedAndTheNextRunStillHappens(CapturedOutput output) {
        AtomicInteger runs = new AtomicInteger();
        PeriodicTask task = PeriodicTask.start("flaky-task", Duration.ZERO, Duration.ofMillis(5), () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("database away");
            }
        });
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
        } finally {
            task.stop();
        }

        assertThat(output.getOut())
                .contains("flaky-task failed, will retry: java.lang.IllegalStateException: database away");
    }

    @Test
    void aGracefulStopLetsTheRunUnderWayFinish() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger finished = new AtomicInteger();
        PeriodicTask task = PeriodicTask.start("slow-task", Duration.ZERO, Duration.ofHours(1), () -> {
            started.countDown();
            try {
                release.await();
                finished.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        Thread stopper = new Thread(() -> task.stop(Duration.ofSeconds(30)));
        stopper.start();
        release.countDown();
        stopper.join(TimeUnit.SECONDS.toMillis(30));

        assertThat(stopper.isAlive()).isFalse();
        assertThat(finished.get()).isEqualTo(1);
    }

    @Test
    void anImmediateStopInterruptsTheRunUnderWay() throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        PeriodicTask task = PeriodicTask.start("blocked-task", Duration.ZERO, Duration.ofHours(1), () -> {
            started.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();

        task.stop();

        assertThat(interrupted.await(10, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void refusesAnIntervalThatIsNotPositive() {
        assertThatThrownBy(() -> PeriodicTask.start("bad", Duration.ZERO, Duration.ZERO, () -> {}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("bad: the interval must be positive");
    }
}
