package com.gopherpay.novu.connect.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One Novu trigger built from one record.
 *
 * @param record the record it came from
 * @param body the trigger body, with {@code name} and {@code transactionId} set
 * @param transactionId the body's transactionId, also the request's Idempotency-Key
 */
public record Trigger(SinkRecord record, ObjectNode body, String transactionId) {

    /** {@code topic-partition@offset} of the original record, for messages. */
    public String describeRecord() {
        return Triggers.describe(record);
    }
}
