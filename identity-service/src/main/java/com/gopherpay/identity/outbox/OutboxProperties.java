package com.gopherpay.identity.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The outbox relay.
 *
 * @param sweepInterval pause between sweeps for rows the after-commit path did not publish (crash, Kafka down)
 * @param batchSize most rows locked and published by one relay transaction
 * @param queueCapacity after-commit publications waiting for the relay thread; overflow is left to the sweeper
 */
@ConfigurationProperties("identity.outbox")
public record OutboxProperties(
        @DefaultValue("5s") Duration sweepInterval,
        @DefaultValue("200") int batchSize,
        @DefaultValue("10000") int queueCapacity) {

    public OutboxProperties {
        if (batchSize < 1 || queueCapacity < 1 || sweepInterval.isNegative() || sweepInterval.isZero()) {
            throw new IllegalArgumentException("identity.outbox settings must be positive");
        }
    }
}
