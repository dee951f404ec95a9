package com.gopherpay.novu.connect;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Per partition, the offset after the last record that is done (acknowledged by Novu, or handed to the errant-record
 * reporter). Records are finished in partition order, so everything below it is done: that is what may be committed,
 * and what to skip when Connect redelivers a batch after a retriable failure.
 */
final class AckedOffsets {

    private final Map<TopicPartition, Long> nextOffsets = new HashMap<>();

    void done(SinkRecord record) {
        nextOffsets.merge(partition(record), record.originalKafkaOffset() + 1, Math::max);
    }

    boolean isDone(SinkRecord record) {
        Long next = nextOffsets.get(partition(record));
        return next != null && record.originalKafkaOffset() < next;
    }

    /** Committable offsets for the partitions Connect asks about. */
    Map<TopicPartition, OffsetAndMetadata> committable(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Long next = nextOffsets.get(partition);
            if (next != null) {
                offsets.put(partition, new OffsetAndMetadata(next));
            }
        }
        return offsets;
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(nextOffsets::remove);
    }

    private static TopicPartition partition(SinkRecord record) {
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }
}
