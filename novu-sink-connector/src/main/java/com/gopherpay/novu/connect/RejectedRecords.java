package com.gopherpay.novu.connect;

import com.gopherpay.novu.connect.config.ClientErrorBehavior;
import com.gopherpay.novu.connect.record.Triggers;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where permanently failed records go: Connect's errant-record reporter (the DLQ) when the connector has one, else
 * {@code behavior.on.client.error}. The Novu status and body travel in record headers. The exception message, which
 * Connect logs and copies into its own {@code __connect.errors.*} headers, names only the record, the status and Novu's
 * short message: Novu's error bodies can echo payload values such as a verification link.
 */
final class RejectedRecords {

    static final String STATUS_HEADER = "novu.error.status";
    static final String BODY_HEADER = "novu.error.body";
    static final String REASON_HEADER = "novu.error.reason";

    private static final Logger log = LoggerFactory.getLogger(RejectedRecords.class);

    private final ErrantRecordReporter reporter;
    private final ClientErrorBehavior behavior;

    RejectedRecords(ErrantRecordReporter reporter, ClientErrorBehavior behavior) {
        this.reporter = reporter;
        this.behavior = behavior;
    }

    /**
     * Handles one rejected record.
     *
     * @param status the HTTP status of Novu's answer, or null when the record never reached Novu
     * @param reason why, without payload values: the HTTP status and Novu's short message, or what is wrong with the
     *     record
     * @param body Novu's response body (or the bulk element's result), or null; only ever put into a header
     */
    void reject(SinkRecord record, String reason, Integer status, String body, Throwable cause) {
        String message = "Novu trigger for record " + Triggers.describe(record) + " failed permanently: " + reason;
        NovuTriggerRejectedException failure = new NovuTriggerRejectedException(message, cause);
        if (reporter != null) {
            reporter.report(withFailureHeaders(record, reason, status, body), failure);
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

    private static SinkRecord withFailureHeaders(SinkRecord record, String reason, Integer status, String body) {
        Headers headers = record.headers().duplicate();
        headers.addString(REASON_HEADER, reason);
        if (status != null) {
            headers.addString(STATUS_HEADER, Integer.toString(status));
        }
        if (body != null) {
            headers.addString(BODY_HEADER, body);
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
        NovuTriggerRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
