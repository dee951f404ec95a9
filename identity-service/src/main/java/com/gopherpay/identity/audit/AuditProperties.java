package com.gopherpay.identity.audit;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The audit trail.
 *
 * @param retention how long audit rows are kept; older ones are pruned by the cleanup schedule
 * @param emailHashKey secret key of the HMAC-SHA-256 that stands for an address in audit rows (set it in production:
 *     a plain SHA-256 of an address can be reversed by hashing candidate addresses); changing it breaks the link
 *     between older and newer rows of one address
 */
@ConfigurationProperties("identity.audit")
@Validated
public record AuditProperties(
        @DefaultValue("180d") @NotNull @DurationMin(days = 1)
        Duration retention,

        String emailHashKey) {

    @Override
    public String toString() {
        return "AuditProperties[retention=" + retention + ", emailHashKey=" + (emailHashKey == null ? "unset" : "***")
                + "]";
    }
}
