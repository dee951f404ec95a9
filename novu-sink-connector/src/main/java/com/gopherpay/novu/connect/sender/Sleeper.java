package com.gopherpay.novu.connect.sender;

import java.time.Duration;

/**
 * Waits between retries. Implementations must end early with {@link InterruptedException} when the thread is
 * interrupted: that is how a worker shutting down gets its task thread back.
 */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
}
