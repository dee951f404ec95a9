package com.gopherpay.identity.kafka;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** One producer and one admin client for the whole service; both are thread-safe. */
@Configuration(proxyBeanMethods = false)
public class KafkaClients {

    /** A few milliseconds of batching: bursts of registrations share produce requests without delaying emails. */
    static final int LINGER_MS = 5;

    // Closed with a timeout by kafkaClientsCloser: a plain close() waits forever for a cluster that is away.
    @Bean(destroyMethod = "")
    public Producer<String, byte[]> outboxProducer(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.properties());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "identity-outbox");
        // A record counts as published only when every in-sync replica has it; idempotence keeps the producer's
        // own retries from writing it twice.
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int)
                kafka.deliveryTimeout().toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int)
                kafka.requestTimeout().toMillis());
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, kafka.maxBlock().toMillis());
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return new KafkaProducer<>(config);
    }

    @Bean(destroyMethod = "")
    public Admin kafkaAdmin(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.properties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "identity-admin");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int)
                kafka.adminTimeout().toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int)
                kafka.adminTimeout().toMillis());
        return Admin.create(config);
    }

    /**
     * Closes both clients within the admin timeout at shutdown. Records still buffered are not lost: their outbox rows
     * were not deleted, so they are published after the next start.
     */
    @Bean
    DisposableBean kafkaClientsCloser(Producer<String, byte[]> producer, Admin admin, KafkaProperties kafka) {
        return () -> {
            producer.close(kafka.adminTimeout());
            admin.close(kafka.adminTimeout());
        };
    }
}
