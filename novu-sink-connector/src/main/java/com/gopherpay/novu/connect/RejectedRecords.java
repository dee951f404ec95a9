package com.gopherpay.novu.connect;

import com.gopherpay.novu.connect.config.ClientErrorBehavior;
import com.gopherpay.novu.connect.record.Triggers;
import com.gopherpay.novu.connect.sender.Rejection;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where permanently failed records go: Connect's errant-record reporter (the DLQ) when the connector has one, else
 * {@code behavior.on.client.error}. The failure travels in {@code novu.error.*} record headers: the kind of failure,
 * Novu's HTTP status and a reason. Nothing of the payload goes with it, neither in those headers nor in the exception
 * that Connect logs and copies into its own {@code __connect.errors.*} headers: Novu's error bodies echo payload values
 * such as a verification link, and the record itself already holds what is needed to retry it.
 */
final class RejectedRecords {

    static final String STATUS_HEADER = "novu.error.status";
    static final String CLASS_HEADER = "novu.error.class";
    static final String REASON_HEADER = "novu.error.reason";

    private static final Logger log = LoggerFactory.getLogger(RejectedRecords.class);

    private final ErrantRecordReporter reporter;
    private final ClientErrorBehavior behavior;

    RejectedRecords(ErrantRecordReporter reporter, ClientErrorBehavior behavior) {
        this.reporter = reporter;
        this.behavior = behavior;
    }

    /** Handles one rejected record. */
    void reject(SinkRecord record, Rejection rejection) {
        String message =
                "Novu trigger for record " + Triggers.describe(record) + " failed permanently: " + rejection.reason();
        // No cause: the stack trace goes into Connect's DLQ headers, and a cause's message may quote the value.
        NovuTriggerRejectedException failure = new NovuTriggerRejectedException(message);
        if (reporter != null) {
            reporter.report(withFailureHeaders(record, rejection), failure);
            return;
        }
        if (behavior == ClientErrorBehavior.LOG) {
            log.warn("{} (skipped: behavior.on.client.error=log)", message);
            return;
        }
        throw new ConnectException(
                message + " (behavior.on.client.error=fail; configure a dead letter queue with errors.tolerance=all"
                        + " and errors.deadletterqueue.topic.name to keep going)",
                failure);
    }

    private static SinkRecord withFailureHeaders(SinkRecord record, Rejection rejection) {
        Headers headers = record.headers().duplicate();
        headers.addString(CLASS_HEADER, rejection.kind().label());
        headers.addString(REASON_HEADER, rejection.reason());
        if (rejection.status() != null) {
            headers.addString(STATUS_HEADER, Integer.toString(rejection.status()));
        }
        // A plain SinkRecord, not record.newRecord(): the worker's reporter writes an internal record's original
        // consumer record to the DLQ as-is, which would drop these headers. A plain one is re-serialized with the
        // connector's converters, headers included, and keeps the original topic, partition and offset.
        return new SinkRecord(
                record.originalTopic(),
                record.originalKafkaPartition(),
                record.keySchema(),
                record.key(),
                record.valueSchema(),
                record.value(),
                record.originalKafkaOffset(),
                record.timestamp(),
                record.timestampType(),
                headers);
    }

    /** The reason a record went to the errant-record reporter. */
    static final class NovuTriggerRejectedException extends ConnectException {
        NovuTriggerRejectedException(String message) {
            super(message);
        }
    }
}
