package com.gopherpay.notification;

import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Time and randomness are beans so that tests (and nothing else) can control them. */
@Configuration(proxyBeanMethods = false)
class TimeAndRandomness {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
