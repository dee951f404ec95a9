package com.gopherpay.identity;

import com.gopherpay.identity.kafka.KafkaProperties;
import com.gopherpay.identity.kafka.NotificationTopic;
import com.gopherpay.identity.verification.VerificationProperties;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place that knows both the Kafka topic of verification emails and how long a verification link lives: the
 * topic keeps records for the link's lifetime plus a margin. Wiring of the application, outside every module, so that
 * neither Kafka code nor the verification feature depends on the other.
 */
@Configuration(proxyBeanMethods = false)
class EmailVerificationTopic {

    @Bean
    NotificationTopic notificationTopic(Admin admin, KafkaProperties kafka, VerificationProperties verification) {
        return new NotificationTopic(admin, kafka, verification.tokenTtl());
    }
}
