package com.gopherpay.novu.connect;

import com.gopherpay.novu.connect.config.ClientErrorBehavior;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where permanently failed records go: Connect's errant-record reporter (the DLQ) when the connector has one, else
 * {@code behavior.on.client.error}. The Novu status and body travel in record headers, and in the exception message that
 * Connect puts into its own {@code __connect.errors.*} headers.
 */
final class RejectedRecords {

    static final String STATUS_HEADER = "novu.error.status";
    static final String BODY_HEADER = "novu.error.body";
    static final String REASON_HEADER = "novu.error.reason";

    private static final Logger log = LoggerFactory.getLogger(RejectedRecords.class);
    private static final int MAX_BODY_HEADER_CHARS = 8_000;

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
     * @param body Novu's response body (or the bulk element's result), or null
     */
    void reject(SinkRecord record, String reason, Integer status, String body, Throwable cause) {
        String message = "Novu trigger for record " + describe(record) + " failed permanently: " + reason
                + (body == null ? "" : "; Novu response: " + abbreviate(body, MAX_BODY_HEADER_CHARS));
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
            headers.addString(BODY_HEADER, abbreviate(body, MAX_BODY_HEADER_CHARS));
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

    private static String describe(SinkRecord record) {
        return record.originalTopic() + "-" + record.originalKafkaPartition() + "@" + record.originalKafkaOffset();
    }

    private static String abbreviate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max) + "…";
    }

    /** The reason a record went to the errant-record reporter. */
    static final class NovuTriggerRejectedException extends ConnectException {
        NovuTriggerRejectedException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
