package com.gopherpay.identity.lifecycle;

import com.gopherpay.identity.kafka.EventTopic;
import com.gopherpay.identity.kafka.KafkaProperties;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code identity-events} topic, created at start-up like the notification topic. */
@Configuration(proxyBeanMethods = false)
class LifecycleTopicConfiguration {

    @Bean
    EventTopic identityEventsTopic(Admin admin, KafkaProperties kafka, LifecycleProperties lifecycle) {
        return new EventTopic(admin, kafka, lifecycle.topic(), lifecycle.partitions(), lifecycle.retention());
    }
}
