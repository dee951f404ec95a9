package com.gopherpay.identity.kafka;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kafka cluster and the topic the outbox relay publishes to.
 *
 * @param bootstrapServers {@code host:port[,host:port…]} of the Kafka cluster
 * @param topic topic for notification triggers (created at start-up when missing)
 * @param partitions partitions of the topic when this service creates it
 * @param replicationFactor replication factor when this service creates the topic; -1 uses the broker default
 * @param retention {@code retention.ms} of the topic when created; unset, the longest lifetime of a link in it (the
 *     verification, password-reset or email-change token's) plus 15 minutes, so a record never outlives its link by
 *     much
 * @param deliveryTimeout upper bound for one record's delivery, retries included ({@code delivery.timeout.ms})
 * @param requestTimeout one produce request's timeout ({@code request.timeout.ms})
 * @param maxBlock how long a send may block waiting for metadata while the cluster is unreachable
 * @param adminTimeout timeout for topic creation and the health check
 * @param properties extra client settings passed to the producer and admin client as-is (e.g. {@code
 *     security.protocol}, {@code sasl.jaas.config})
 * @param minInsyncReplicas {@code min.insync.replicas} of the topics this service creates: how many replicas must have
 *     a record before {@code acks=all} acknowledges it. Unset: 2 when {@code replication-factor} is 3 or more, else the
 *     broker's default (1 unless the broker sets it). Without 2, an acknowledged record may exist on one broker only
 * @param topicConfig further topic settings (any Kafka topic config, e.g. {@code compression.type}, {@code
 *     segment.bytes}) applied to the topics this service creates; they win over the values derived here. Topics that
 *     exist already are not changed
 * @param deadLetterTopic the connector's dead-letter topic ({@code errors.deadletterqueue.topic.name} in its
 *     descriptor), created with the notification topic (one partition, same replication, retention and settings) so
 *     that Connect need not create it with its own defaults; blank: not created here
 */
@ConfigurationProperties("identity.kafka")
public record KafkaProperties(
        @DefaultValue("127.0.0.1:9092") String bootstrapServers,
        @DefaultValue("email-verification") String topic,
        @DefaultValue("3") int partitions,
        @DefaultValue("-1") short replicationFactor,
        Duration retention,
        @DefaultValue("30s") Duration deliveryTimeout,
        @DefaultValue("10s") Duration requestTimeout,
        @DefaultValue("5s") Duration maxBlock,
        @DefaultValue("5s") Duration adminTimeout,
        Map<String, String> properties,
        Integer minInsyncReplicas,
        Map<String, String> topicConfig,
        @DefaultValue("email-verification-dlq") String deadLetterTopic) {

    public KafkaProperties {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
        topicConfig = topicConfig == null ? Map.of() : Map.copyOf(topicConfig);
        deadLetterTopic = deadLetterTopic == null ? "" : deadLetterTopic.strip();
        TopicSettings.validate(replicationFactor, minInsyncReplicas, retention, topicConfig);
        if (deadLetterTopic.equals(topic)) {
            throw new IllegalArgumentException(
                    "identity.kafka.dead-letter-topic must differ from identity.kafka.topic");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("identity.kafka.partitions must be ≥ 1");
        }
        // The producer refuses delivery.timeout.ms < linger.ms + request.timeout.ms.
        if (deliveryTimeout.compareTo(requestTimeout.plusMillis(KafkaClients.LINGER_MS)) < 0) {
            throw new IllegalArgumentException(
                    "identity.kafka.delivery-timeout must exceed identity.kafka.request-timeout");
        }
    }
}
