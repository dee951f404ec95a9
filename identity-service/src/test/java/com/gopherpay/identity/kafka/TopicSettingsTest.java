package com.gopherpay.identity.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicSettingsTest {

    @Test
    void minInsyncReplicasIsTwoFromAReplicationFactorOfThree() {
        assertThat(TopicSettings.of(properties((short) 3, null, Map.of()), Duration.ofHours(1)))
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "3600000");
        assertThat(TopicSettings.of(properties((short) 5, null, Map.of()), Duration.ofHours(1)))
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
    }

    @Test
    void belowThreeReplicasOrWithTheBrokersDefaultTheBrokerDecides() {
        assertThat(TopicSettings.of(properties((short) 2, null, Map.of()), Duration.ofHours(1)))
                .doesNotContainKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
        assertThat(TopicSettings.of(properties((short) -1, null, Map.of()), Duration.ofHours(1)))
                .doesNotContainKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
    }

    @Test
    void anExplicitValueAndTopicConfigWin() {
        assertThat(TopicSettings.of(properties((short) 3, 3, Map.of()), Duration.ofHours(1)))
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "3");
        assertThat(TopicSettings.of(
                        properties((short) 3, null, Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1")),
                        Duration.ofHours(1)))
                .containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1");
    }

    @Test
    void rejectsAnUnknownTopicSetting() {
        assertThatThrownBy(() -> properties((short) 3, null, Map.of("min.insync.replica", "2")))
                .hasMessageContaining("unknown Kafka topic setting(s) [min.insync.replica]");
    }

    @Test
    void rejectsBlankValuesAndSettingsGivenTwice() {
        assertThatThrownBy(() -> properties((short) 3, null, Map.of(TopicConfig.COMPRESSION_TYPE_CONFIG, " ")))
                .hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> properties((short) 3, 2, Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2")))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> properties((short) 3, null, Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "two")))
                .hasMessageContaining("must be a number");
        assertThatThrownBy(() -> properties((short) 3, 0, Map.of())).hasMessageContaining("≥ 1");
        assertThatThrownBy(() -> properties((short) 3, 4, Map.of())).hasMessageContaining("must not exceed");
    }

    private static KafkaProperties properties(
            short replicationFactor, Integer minInsyncReplicas, Map<String, String> topicConfig) {
        return new KafkaProperties(
                "127.0.0.1:9092",
                "email-verification",
                3,
                replicationFactor,
                null,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Map.of(),
                minInsyncReplicas,
                topicConfig,
                "email-verification-dlq");
    }
}
