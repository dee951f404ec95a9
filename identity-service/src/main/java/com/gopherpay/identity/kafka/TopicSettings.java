package com.gopherpay.identity.kafka;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The settings of the topics this service creates: retention, {@code min.insync.replicas} and whatever {@code
 * identity.kafka.topic-config.*} adds, checked at start-up so that a typo fails the start instead of a topic creation
 * hours later.
 */
final class TopicSettings {

    /** The replication factor from which {@code min.insync.replicas} defaults to 2. */
    static final int REPLICATED = 3;

    /** Every topic config Kafka knows, from the names {@link TopicConfig} publishes. */
    static final Set<String> KNOWN = Arrays.stream(TopicConfig.class.getFields())
            .filter(field -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
            .filter(field -> field.getName().endsWith("_CONFIG"))
            .map(TopicSettings::value)
            .collect(Collectors.toUnmodifiableSet());

    private TopicSettings() {}

    /**
     * Rejects settings a broker would refuse or that would stop every acknowledged write: unknown names, blank
     * values, a {@code min.insync.replicas} above the replication factor, the same setting given twice.
     */
    static void validate(
            short replicationFactor, Integer minInsyncReplicas, Duration retention, Map<String, String> topicConfig) {
        Set<String> unknown = new TreeSet<>(topicConfig.keySet());
        unknown.removeAll(KNOWN);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("identity.kafka.topic-config: unknown Kafka topic setting(s) " + unknown
                    + " (see org.apache.kafka.common.config.TopicConfig)");
        }
        topicConfig.forEach((key, value) -> {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException("identity.kafka.topic-config." + key + " must not be blank");
            }
        });
        if (retention != null && topicConfig.containsKey(TopicConfig.RETENTION_MS_CONFIG)) {
            throw new IllegalArgumentException(
                    "Set identity.kafka.retention or identity.kafka.topic-config.retention.ms, not both");
        }
        Integer minIsr = minInsyncReplicas;
        String configured = topicConfig.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        if (configured != null) {
            if (minInsyncReplicas != null) {
                throw new IllegalArgumentException("Set identity.kafka.min-insync-replicas or"
                        + " identity.kafka.topic-config.min.insync.replicas, not both");
            }
            try {
                minIsr = Integer.valueOf(configured.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "identity.kafka.topic-config.min.insync.replicas must be a number", e);
            }
        }
        if (minIsr != null && minIsr < 1) {
            throw new IllegalArgumentException("identity.kafka.min-insync-replicas must be ≥ 1");
        }
        if (minIsr != null && replicationFactor > 0 && minIsr > replicationFactor) {
            // Kafka 4 treats it as the replica count (older brokers refuse every acks=all write): a typo either way.
            throw new IllegalArgumentException("identity.kafka.min-insync-replicas (" + minIsr
                    + ") must not exceed identity.kafka.replication-factor (" + replicationFactor + ")");
        }
    }

    /** The configs a topic this service creates gets. */
    static Map<String, String> of(KafkaProperties kafka, Duration retention) {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()));
        Integer minIsr = minInsyncReplicas(kafka);
        if (minIsr != null) {
            configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(minIsr));
        }
        configs.putAll(kafka.topicConfig());
        return configs;
    }

    /** The configured value, else 2 for a replication factor of 3 or more, else null (the broker's default). */
    static Integer minInsyncReplicas(KafkaProperties kafka) {
        if (kafka.minInsyncReplicas() != null) {
            return kafka.minInsyncReplicas();
        }
        return kafka.replicationFactor() >= REPLICATED ? 2 : null;
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
