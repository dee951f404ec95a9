package com.gopherpay.novu.connect.sender;

import java.time.Duration;

/** Waits between retries; the task's implementation wakes up early when the task is stopped. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
}
