package com.gopherpay.identity.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchedDeletesTest {

    @Test
    void deletesBatchAfterBatchUntilOneComesBackShort() {
        int[] remaining = {2500};
        List<Integer> asked = new ArrayList<>();

        int total = BatchedDeletes.untilShort(1000, limit -> {
            asked.add(limit);
            int deleted = Math.min(limit, remaining[0]);
            remaining[0] -= deleted;
            return deleted;
        });

        assertThat(total).isEqualTo(2500);
        assertThat(asked).containsExactly(1000, 1000, 1000);
    }

    @Test
    void anExactMultipleEndsWithOneEmptyBatch() {
        int[] remaining = {2000};

        int total = BatchedDeletes.untilShort(1000, limit -> {
            int deleted = Math.min(limit, remaining[0]);
            remaining[0] -= deleted;
            return deleted;
        });

        assertThat(total).isEqualTo(2000);
        assertThat(remaining[0]).isZero();
    }

    @Test
    void stopsAfterTheCurrentBatchWhenInterrupted() {
        try {
            int total = BatchedDeletes.untilShort(10, limit -> {
                Thread.currentThread().interrupt();
                return limit;
            });
            assertThat(total).isEqualTo(10);
        } finally {
            Thread.interrupted();
        }
    }
}
