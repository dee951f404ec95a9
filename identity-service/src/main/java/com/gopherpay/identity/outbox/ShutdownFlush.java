package com.gopherpay.identity.outbox;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts the {@link AfterCommitPublisher} and the {@link OutboxSweeper} with the application, and at shutdown stops
 * sweeping and publishes what the last requests committed, within {@link OutboxProperties#flushTimeout()}. Whatever is
 * left stays in the outbox for the sweeper of the next start (or of another instance).
 */
@Component
class ShutdownFlush implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ShutdownFlush.class);

    private final AfterCommitPublisher afterCommit;
    private final OutboxSweeper sweeper;
    private final OutboxProperties properties;

    ShutdownFlush(AfterCommitPublisher afterCommit, OutboxSweeper sweeper, OutboxProperties properties) {
        this.afterCommit = afterCommit;
        this.sweeper = sweeper;
        this.properties = properties;
    }

    @Override
    public void start() {
        sweeper.start();
        afterCommit.start();
    }

    @Override
    public void stop() {
        long started = System.nanoTime();
        sweeper.stop(properties.flushTimeout().toMillis());
        long left = properties.flushTimeout().toMillis() - (System.nanoTime() - started) / 1_000_000;
        if (!afterCommit.stop(java.time.Duration.ofMillis(Math.max(left, 1)))) {
            log.warn(
                    "Outbox did not publish everything queued within {}; the sweeper publishes the rest",
                    properties.flushTimeout());
        }
    }

    /**
     * Lower than the web server's graceful-shutdown phase: the outbox stops after the last requests have finished, so
     * their records are queued by then and published by {@link #stop()}.
     */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.GRACEFUL_SHUTDOWN_PHASE - 1;
    }

    @Override
    public boolean isRunning() {
        return afterCommit.isRunning() || sweeper.isRunning();
    }
}
