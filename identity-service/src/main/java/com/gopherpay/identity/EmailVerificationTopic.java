package com.gopherpay.identity;

import com.gopherpay.identity.emailchange.EmailChangeProperties;
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
 * password-reset and email-change links): the topic keeps records for the longest lifetime plus a margin. Wiring of the application,
 * outside every module, so that neither Kafka code nor the features depend on each other.
 */
@Configuration(proxyBeanMethods = false)
class EmailVerificationTopic {

    @Bean
    NotificationTopic notificationTopic(
            Admin admin,
            KafkaProperties kafka,
            VerificationProperties verification,
            PasswordResetProperties resets,
            EmailChangeProperties emailChanges) {
        Duration longest = longer(longer(verification.tokenTtl(), resets.tokenTtl()), emailChanges.tokenTtl());
        return new NotificationTopic(admin, kafka, longest);
    }

    private static Duration longer(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
