package com.gopherpay.identity.outbox;

import com.gopherpay.identity.kafka.KafkaFailures;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The failures of one relay round, grouped by cause, for its one WARN line and the {@code cause} tag of the failure
 * counter: "18 NotEnoughReplicasException (org.apache…: Messages are rejected since there are fewer in-sync
 * replicas than required.)". Each cause keeps the first description {@link KafkaFailures#describe} gave, which
 * never quotes record contents.
 */
final class FailureCauses {

    private final Map<String, Integer> counts = new LinkedHashMap<>();
    private final Map<String, String> examples = new LinkedHashMap<>();

    void add(Throwable failure) {
        String cause = cause(failure);
        counts.merge(cause, 1, Integer::sum);
        examples.putIfAbsent(cause, KafkaFailures.describe(failure));
    }

    /** Failures per cause, in the order they were first seen. */
    Map<String, Integer> counts() {
        return Collections.unmodifiableMap(counts);
    }

    String summary() {
        return counts.entrySet().stream()
                .map(entry -> entry.getValue() + " " + entry.getKey() + " (" + examples.get(entry.getKey()) + ")")
                .collect(Collectors.joining(", "));
    }

    /** The exception's simple class name: the kind of failure, without anything a message could carry. */
    static String cause(Throwable failure) {
        String name = failure.getClass().getSimpleName();
        return name.isEmpty() ? failure.getClass().getName() : name;
    }
}
