package com.gopherpay.identity.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

class FailureCausesTest {

    @Test
    void groupsFailuresByCauseWithOneSafeExamplePerCause() {
        FailureCauses causes = new FailureCauses();
        for (int i = 0; i < 17; i++) {
            causes.add(new NotEnoughReplicasException(
                    "Messages are rejected since there are fewer in-sync replicas than required."));
        }
        causes.add(new TimeoutException("Expiring 1 record(s) for email-verification-0: 30001 ms has passed"));
        causes.add(new SerializationException("cannot serialize https://id.example/verify?token=secret"));

        assertThat(causes.counts())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("NotEnoughReplicasException", 17),
                        org.assertj.core.api.Assertions.entry("TimeoutException", 1),
                        org.assertj.core.api.Assertions.entry("SerializationException", 1));
        assertThat(causes.summary())
                .isEqualTo("17 NotEnoughReplicasException (org.apache.kafka.common.errors.NotEnoughReplicasException:"
                        + " Messages are rejected since there are fewer in-sync replicas than required.), 1"
                        + " TimeoutException (org.apache.kafka.common.errors.TimeoutException: Expiring 1 record(s)"
                        + " for email-verification-0: 30001 ms has passed), 1 SerializationException"
                        + " (org.apache.kafka.common.errors.SerializationException)")
                .doesNotContain("secret");
    }
}
