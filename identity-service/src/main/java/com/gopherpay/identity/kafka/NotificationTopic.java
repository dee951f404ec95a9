package com.gopherpay.identity.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the notification topic exists with our partitions, retention and {@code min.insync.replicas} (see {@link
 * KafkaProperties#minInsyncReplicas()}) before anything is published to it:
 * otherwise a broker with auto-creation on would create it with its own defaults on the first send. Declared as a bean
 * by {@code EmailVerificationTopic}, which knows how long a verification link lives; Kafka code knows no feature.
 */
public class NotificationTopic implements ProvisionedTopic {

    /**
     * How long past the token's lifetime a record stays: room for a consumer that was down a while to still deliver
     * it (the link in it works until then), not a day of live links sitting in the log.
     */
    static final Duration RETENTION_MARGIN = Duration.ofMinutes(15);

    private static final Logger log = LoggerFactory.getLogger(NotificationTopic.class);

    private final Admin admin;
    private final KafkaProperties kafka;
    private final Duration retention;
    private volatile boolean ready;
    private volatile boolean deadLettersSettled;

    /**
     * @param tokenTtl how long the links in the topic's records live; the retention is that plus a margin unless
     *     {@code identity.kafka.retention} is set
     */
    public NotificationTopic(Admin admin, KafkaProperties kafka, Duration tokenTtl) {
        this.admin = admin;
        this.kafka = kafka;
        this.retention = kafka.retention() != null ? kafka.retention() : tokenTtl.plus(RETENTION_MARGIN);
    }

    /** {@code retention.ms} the topic gets when this service creates it. */
    public Duration retention() {
        return retention;
    }

    @Override
    public String name() {
        return kafka.topic();
    }

    /**
     * Creates the topic when missing, or accepts it as it is when it exists but may not be created by us (ACLs, a
     * create-topic policy); false (and logged) while the cluster cannot be reached or the topic is missing. The
     * connector's dead-letter topic is created in the same request; it does not hold up publishing: when it cannot be
     * created, one WARN says so and Connect creates it on the first task start.
     */
    @Override
    public boolean ensureCreated() {
        if (ready) {
            return true;
        }
        Map<String, String> configs = TopicSettings.of(kafka, retention);
        Optional<Short> replication =
                kafka.replicationFactor() < 0 ? Optional.empty() : Optional.of(kafka.replicationFactor());
        List<NewTopic> wanted = new ArrayList<>(2);
        wanted.add(new NewTopic(kafka.topic(), Optional.of(kafka.partitions()), replication).configs(configs));
        boolean withDeadLetters = !kafka.deadLetterTopic().isEmpty() && !deadLettersSettled;
        if (withDeadLetters) {
            // One partition, as Connect creates it: dead letters are rare and read by an operator.
            wanted.add(new NewTopic(kafka.deadLetterTopic(), Optional.of(1), replication).configs(configs));
        }
        long timeout = kafka.adminTimeout().toMillis();
        var created = admin.createTopics(wanted);
        ready = TopicCreation.settled(
                admin,
                kafka.topic(),
                created.values().get(kafka.topic()),
                timeout,
                "topic " + kafka.topic() + " (" + kafka.partitions() + " partitions, retention " + retention + ", "
                        + minInsyncReplicasText() + ")");
        if (!ready) {
            return false;
        }
        if (withDeadLetters && created.values().containsKey(kafka.deadLetterTopic())) {
            settleDeadLetters(created.values().get(kafka.deadLetterTopic()), timeout);
        }
        return ready;
    }

    /** Done once the dead-letter topic exists, or, after the notification topic is there, once it is known not to. */
    private void settleDeadLetters(KafkaFuture<Void> creation, long timeout) {
        try {
            creation.get(timeout, TimeUnit.MILLISECONDS);
            log.info("Created the connector's dead-letter topic {}", kafka.deadLetterTopic());
            deadLettersSettled = true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException
                    || TopicCreation.exists(admin, kafka.deadLetterTopic(), timeout)) {
                deadLettersSettled = true;
            } else if (ready) {
                log.warn(
                        "Cannot create the connector's dead-letter topic {} ({}); Kafka Connect creates it when a"
                                + " task starts, with its errors.deadletterqueue.topic.replication.factor",
                        kafka.deadLetterTopic(),
                        e.getCause().toString());
                deadLettersSettled = true;
            }
        } catch (TimeoutException e) {
            // Kafka is away; the next call tries again.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String minInsyncReplicasText() {
        String value = TopicSettings.of(kafka, retention).get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        return value == null ? "the broker's min.insync.replicas" : "min.insync.replicas " + value;
    }
}
