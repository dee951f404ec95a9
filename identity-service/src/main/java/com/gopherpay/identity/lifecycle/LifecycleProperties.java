package com.gopherpay.identity.lifecycle;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.net.URI;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The lifecycle event stream.
 *
 * @param topic the Kafka topic of lifecycle events, created at start-up when missing
 * @param partitions its partitions when this service creates it; one user's events always share one (the key is the
 *     user id)
 * @param retention how long the topic keeps events when this service creates it
 * @param source the CloudEvents {@code source} attribute of every event: a URI reference naming this service
 */
@ConfigurationProperties("identity.lifecycle")
@Validated
public record LifecycleProperties(
        @DefaultValue("identity-events") @NotBlank String topic,
        @DefaultValue("3") @Positive int partitions,

        @DefaultValue("7d") @NotNull @DurationMin(minutes = 1)
        Duration retention,

        @DefaultValue("urn:gopherpay:identity-service") @NotNull
        URI source) {}
