package com.gopherpay.identity.web;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The HTTP edge.
 *
 * @param maxBodySize largest request body accepted on any path; bigger ones get 413
 * @param unavailableRetryAfter {@code Retry-After} sent with 503 while the database is unreachable
 */
@ConfigurationProperties("identity.http")
@Validated
public record HttpProperties(
        @DefaultValue("16KB") @NotNull DataSize maxBodySize,
        @DefaultValue("5s") @NotNull Duration unavailableRetryAfter) {}
