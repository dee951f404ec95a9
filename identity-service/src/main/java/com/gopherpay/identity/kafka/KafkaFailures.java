package com.gopherpay.identity.kafka;

import java.util.Set;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/** How the producer's failures are told apart: a refusal of one record for good, or Kafka that cannot be reached. */
public final class KafkaFailures {

    /**
     * Refusals that sending the same record again will meet again until someone changes the record, the topic or its
     * ACLs. Deliberately a short list: a cluster-wide problem (authentication, a fenced or broken producer) must not
     * make the outbox give up every record it holds.
     */
    private static final Set<Class<? extends Exception>> REFUSED_FOR_GOOD = Set.of(
            RecordTooLargeException.class,
            RecordBatchTooLargeException.class,
            TopicAuthorizationException.class,
            InvalidTopicException.class,
            InvalidRecordException.class,
            SerializationException.class);

    private static final int MAX_MESSAGE = 200;

    private KafkaFailures() {}

    /** Whether Kafka refused this record for a reason that a retry will not change. */
    public static boolean refusedForGood(Throwable failure) {
        return REFUSED_FOR_GOOD.stream().anyMatch(type -> type.isInstance(failure));
    }

    /**
     * Whether a send that failed at once failed for a reason every following send shares: no metadata within {@code
     * max.block.ms}, a full buffer, a closed producer. A refusal of this one record (too large) is not such a reason.
     */
    public static boolean unreachable(Throwable failure) {
        if (refusedForGood(failure)) {
            return false;
        }
        return failure instanceof TimeoutException || !(failure instanceof ApiException);
    }

    /**
     * A description safe to store and log: the exception's class and, for errors the broker or client reports about a
     * request (which name sizes, topics and partitions, never record contents), its message, shortened. Other
     * exceptions (a serializer's, say) may quote the value, so only their class is kept.
     */
    public static String describe(Throwable failure) {
        String type = failure.getClass().getName();
        String message = failure.getMessage();
        if (!(failure instanceof ApiException) || failure instanceof SerializationException || message == null) {
            return type;
        }
        String oneLine = message.replaceAll("\\s+", " ");
        return type + ": " + (oneLine.length() > MAX_MESSAGE ? oneLine.substring(0, MAX_MESSAGE) + "…" : oneLine);
    }
}
