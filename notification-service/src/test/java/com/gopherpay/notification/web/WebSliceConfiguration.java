package com.gopherpay.notification.web;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.util.IdGenerator;

/**
 * What a {@code @WebMvcTest} slice needs to answer in Novu's shape: the real {@link NovuErrors} (the advice comes with
 * the slice), with a fixed clock and a fixed errorId so that bodies can be compared exactly.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(NovuErrors.class)
public class WebSliceConfiguration {

    public static final Instant NOW = Instant.parse("2026-11-25T09:00:00Z");
    public static final UUID ERROR_ID = UUID.fromString("0191f0c5-7a1e-7000-8000-000000000001");

    @Bean
    Clock clock() {
        return Clock.fixed(NOW, ZoneOffset.UTC);
    }

    @Bean
    IdGenerator idGenerator() {
        return () -> ERROR_ID;
    }
}
