package com.gopherpay.identity.emailchange;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Email changes.
 *
 * @param tokenTtl how long the links of an email change work: the confirm link sent to the new address and the cancel
 *     link sent to the current one
 */
@ConfigurationProperties("identity.email-change")
@Validated
public record EmailChangeProperties(
        @DefaultValue("60m") @NotNull @DurationMin(nanos = 0, inclusive = false)
        Duration tokenTtl) {}
