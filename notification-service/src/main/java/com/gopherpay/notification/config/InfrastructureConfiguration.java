package com.gopherpay.notification.config;

import com.github.f4b6a3.uuid.UuidCreator;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.IdGenerator;

/** Time, randomness and ids are beans so that tests can control them (the same beans as identity-service's). */
@Configuration(proxyBeanMethods = false)
class InfrastructureConfiguration {

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @ConditionalOnMissingBean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }

    /** UUID v7: time ordered, so primary-key inserts stay at the right edge of the index. */
    @Bean
    @ConditionalOnMissingBean
    IdGenerator idGenerator() {
        return UuidCreator::getTimeOrderedEpoch;
    }
}
