package com.gopherpay.identity.kafka;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How this service waits for a topic it asked Kafka to create, shared by every {@link ProvisionedTopic}. */
final class TopicCreation {

    private static final Logger log = LoggerFactory.getLogger(TopicCreation.class);

    private TopicCreation() {}

    /**
     * Whether the topic exists once {@code creation} is done: created now, there already, or not creatable by us
     * (ACLs, a create-topic policy) but made for us by someone else. False (and logged) while the cluster cannot be
     * reached or the topic is missing.
     *
     * @param describe how the topic is named in the log line, e.g. "topic identity-events (3 partitions, …)"
     */
    static boolean settled(Admin admin, String name, KafkaFuture<Void> creation, long timeoutMillis, String describe) {
        try {
            creation.get(timeoutMillis, TimeUnit.MILLISECONDS);
            log.info("Created {}", describe);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return true;
            }
            if (exists(admin, name, timeoutMillis)) {
                log.warn(
                        "Cannot create topic {} ({}), but it exists: publishing to it as it is",
                        name,
                        e.getCause().toString());
                return true;
            }
            log.warn("Cannot create topic {} yet: {}", name, e.getCause().toString());
            return false;
        } catch (TimeoutException e) {
            log.warn("Cannot create topic {} yet: Kafka did not answer within {} ms", name, timeoutMillis);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static boolean exists(Admin admin, String name, long timeoutMillis) {
        try {
            admin.describeTopics(List.of(name)).allTopicNames().get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
