package com.gopherpay.identity;

import com.gopherpay.identity.kafka.KafkaProperties;
import com.gopherpay.identity.kafka.NotificationTopic;
import com.gopherpay.identity.recovery.PasswordResetProperties;
import com.gopherpay.identity.verification.VerificationProperties;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one place that knows both the Kafka topic of account emails and how long the links in them live (verification
 * and password-reset links): the topic keeps records for the longer lifetime plus a margin. Wiring of the application,
 * outside every module, so that neither Kafka code nor the features depend on each other.
 */
@Configuration(proxyBeanMethods = false)
class EmailVerificationTopic {

    @Bean
    NotificationTopic notificationTopic(
            Admin admin, KafkaProperties kafka, VerificationProperties verification, PasswordResetProperties resets) {
        Duration longest =
                verification.tokenTtl().compareTo(resets.tokenTtl()) >= 0 ? verification.tokenTtl() : resets.tokenTtl();
        return new NotificationTopic(admin, kafka, longest);
    }
}
