package com.gopherpay.identity.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

class KafkaFailuresTest {

    @Test
    void aRecordOrTopicRefusalIsForGoodWhileOutagesAndClusterWideProblemsAreNot() {
        assertThat(KafkaFailures.refusedForGood(new RecordTooLargeException("too large")))
                .isTrue();
        assertThat(KafkaFailures.refusedForGood(new TopicAuthorizationException("denied")))
                .isTrue();
        assertThat(KafkaFailures.refusedForGood(new SerializationException("bad")))
                .isTrue();

        assertThat(KafkaFailures.refusedForGood(new TimeoutException("no metadata")))
                .isFalse();
        assertThat(KafkaFailures.refusedForGood(new NotEnoughReplicasException("retriable")))
                .isFalse();
        // Wrong credentials refuse every record: that must not fail the whole outbox.
        assertThat(KafkaFailures.refusedForGood(new SaslAuthenticationException("bad password")))
                .isFalse();
    }

    @Test
    void onlyFailuresEverySendSharesEndABatch() {
        assertThat(KafkaFailures.unreachable(new TimeoutException("no metadata")))
                .isTrue();
        assertThat(KafkaFailures.unreachable(new KafkaException("producer closed")))
                .isTrue();
        assertThat(KafkaFailures.unreachable(new RecordTooLargeException("too large")))
                .isFalse();
        assertThat(KafkaFailures.unreachable(new SerializationException("bad"))).isFalse();
    }

    @Test
    void theStoredErrorKeepsTheClassAndABrokerMessageButNeverASerializersMessage() {
        assertThat(KafkaFailures.describe(new RecordTooLargeException("The request included a message larger than\n"
                        + "the max message size the server will accept.")))
                .isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException: The request included a message"
                        + " larger than the max message size the server will accept.");
        assertThat(KafkaFailures.describe(new SerializationException("cannot write {\"verificationLink\":\"x\"}")))
                .isEqualTo("org.apache.kafka.common.errors.SerializationException");
        assertThat(KafkaFailures.describe(new IllegalStateException("https://id/verify-email?token=secret")))
                .isEqualTo("java.lang.IllegalStateException");
        assertThat(KafkaFailures.describe(new TopicAuthorizationException("x".repeat(500))))
                .hasSize("org.apache.kafka.common.errors.TopicAuthorizationException: ".length() + 201);
    }
}
