package com.gopherpay.identity.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.util.Assert;

/**
 * A topic of events for other services, created at start-up with its own partitions and retention and the cluster
 * settings every topic of this service gets ({@code min.insync.replicas}, {@code identity.kafka.topic-config.*}). A
 * feature declares one as a bean; the outbox publishes nothing until it exists.
 */
public class EventTopic implements ProvisionedTopic {

    private final Admin admin;
    private final KafkaProperties kafka;
    private final String name;
    private final int partitions;
    private final Duration retention;
    private volatile boolean ready;

    public EventTopic(Admin admin, KafkaProperties kafka, String name, int partitions, Duration retention) {
        Assert.hasText(name, "name must not be empty");
        Assert.isTrue(partitions > 0, "partitions must be positive");
        this.admin = admin;
        this.kafka = kafka;
        this.name = name;
        this.partitions = partitions;
        this.retention = retention;
    }

    @Override
    public String name() {
        return name;
    }

    /** {@code retention.ms} the topic gets when this service creates it. */
    public Duration retention() {
        return retention;
    }

    @Override
    public boolean ensureCreated() {
        if (ready) {
            return true;
        }
        Optional<Short> replication =
                kafka.replicationFactor() < 0 ? Optional.empty() : Optional.of(kafka.replicationFactor());
        NewTopic topic =
                new NewTopic(name, Optional.of(partitions), replication).configs(TopicSettings.of(kafka, retention));
        ready = TopicCreation.settled(
                admin,
                name,
                admin.createTopics(List.of(topic)).values().get(name),
                kafka.adminTimeout().toMillis(),
                "topic " + name + " (" + partitions + " partitions, retention " + retention + ")");
        return ready;
    }
}
