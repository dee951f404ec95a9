package com.gopherpay.identity.schedule;

import java.util.function.IntUnaryOperator;

/**
 * Deletes in batches until one comes back short, so one cleanup run never holds a long transaction or a large lock
 * set, and a backlog (after an outage, a burst of guesses) is still cleared in one run. Stops early when the thread is
 * interrupted (the service is stopping).
 */
public final class BatchedDeletes {

    private BatchedDeletes() {}

    /**
     * Calls {@code deleteBatch} with {@code batchSize} until it deletes fewer rows than that.
     *
     * @param deleteBatch deletes at most its argument rows and returns how many it deleted
     * @return how many rows were deleted in all
     */
    public static int untilShort(int batchSize, IntUnaryOperator deleteBatch) {
        int total = 0;
        int deleted;
        do {
            deleted = deleteBatch.applyAsInt(batchSize);
            total += deleted;
        } while (deleted == batchSize && !Thread.currentThread().isInterrupted());
        return total;
    }
}
