package com.gopherpay.novu.connect.sender;

import java.time.Duration;
import org.apache.kafka.connect.errors.RetriableException;

/**
 * The time budget of one put() ran out before every trigger was settled. What was acknowledged stays acknowledged; the
 * rest is for Connect to redeliver, so that put() returns well inside the consumer's max.poll.interval.ms.
 */
public final class DeadlineExceededException extends RetriableException {

    private final transient Duration resumeAfter;

    DeadlineExceededException(String message, Duration resumeAfter) {
        super(message);
        this.resumeAfter = resumeAfter;
    }

    /** How long to wait before trying again: the backoff that no longer fit into the budget, or zero. */
    public Duration resumeAfter() {
        return resumeAfter;
    }
}
