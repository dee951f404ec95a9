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
 *     verification or the password-reset token's) plus 15 minutes, so a record never outlives its link by much
 * @param deliveryTimeout upper bound for one record's delivery, retries included ({@code delivery.timeout.ms})
 * @param requestTimeout one produce request's timeout ({@code request.timeout.ms})
 * @param maxBlock how long a send may block waiting for metadata while the cluster is unreachable
 * @param adminTimeout timeout for topic creation and the health check
 * @param properties extra client settings passed to the producer and admin client as-is (e.g. {@code
 *     security.protocol}, {@code sasl.jaas.config})
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
        Map<String, String> properties) {

    public KafkaProperties {
        properties = properties == null ? Map.of() : Map.copyOf(properties);
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
