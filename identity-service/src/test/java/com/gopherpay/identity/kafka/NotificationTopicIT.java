package com.gopherpay.identity.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.gopherpay.embedded.testing.TestKafka;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.internals.KafkaFutureImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Clusters where this service may not create topics (ACLs, a create-topic policy) but the topic was made for it. The
 * broker is real; only the answer to {@code createTopics} is replaced by the refusal such a cluster gives.
 */
class NotificationTopicIT {

    private static Admin admin;

    @BeforeAll
    static void connect() {
        admin = Admin.create(Map.of("bootstrap.servers", TestKafka.shared().bootstrapServers()));
    }

    @AfterAll
    static void close() {
        admin.close(Duration.ofSeconds(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy", "acl"})
    void publishesToAnExistingTopicItMayNotCreate(String refusal) throws Exception {
        String name = "precreated-" + UUID.randomUUID();
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();

        assertThat(new NotificationTopic(
                                refusingCreation(refusal), properties(name, Duration.ofHours(24)), VERIFICATION)
                        .ensureCreated())
                .isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"policy", "acl"})
    void waitsWhileTheTopicItMayNotCreateIsMissing(String refusal) {
        String name = "missing-" + UUID.randomUUID();

        assertThat(new NotificationTopic(
                                refusingCreation(refusal), properties(name, Duration.ofHours(24)), VERIFICATION)
                        .ensureCreated())
                .isFalse();
    }

    @Test
    void keepsRecordsForTheTokenLifetimePlusAMarginUnlessToldOtherwise() throws Exception {
        String derived = "derived-" + UUID.randomUUID();
        String configured = "configured-" + UUID.randomUUID();

        assertThat(new NotificationTopic(admin, properties(derived, null), VERIFICATION).ensureCreated())
                .isTrue();
        assertThat(new NotificationTopic(admin, properties(configured, Duration.ofHours(3)), VERIFICATION)
                        .ensureCreated())
                .isTrue();

        // The token lives 40 minutes here: its records stay 55, not the broker's week or the former fixed day.
        assertThat(retentionMs(derived)).isEqualTo(Duration.ofMinutes(40 + 15).toMillis());
        assertThat(retentionMs(configured)).isEqualTo(Duration.ofHours(3).toMillis());
    }

    @Test
    void appliesMinInsyncReplicasAndEveryTopicConfigToTheTopicAndItsDeadLetterTopic() throws Exception {
        String name = "configured-" + UUID.randomUUID();
        // One broker here: replication factor 1, so min.insync.replicas is set explicitly (the default for 1 is none).
        KafkaProperties kafka = properties(
                name,
                null,
                (short) 1,
                1,
                Map.of(TopicConfig.COMPRESSION_TYPE_CONFIG, "zstd", TopicConfig.SEGMENT_BYTES_CONFIG, "16777216"));

        assertThat(new NotificationTopic(admin, kafka, VERIFICATION).ensureCreated())
                .isTrue();

        for (String topic : List.of(name, name + "-dlq")) {
            assertThat(config(topic, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).isEqualTo("1");
            assertThat(config(topic, TopicConfig.COMPRESSION_TYPE_CONFIG)).isEqualTo("zstd");
            assertThat(config(topic, TopicConfig.SEGMENT_BYTES_CONFIG)).isEqualTo("16777216");
            assertThat(retentionMs(topic)).isEqualTo(Duration.ofMinutes(40 + 15).toMillis());
        }
        assertThat(admin.describeTopics(List.of(name + "-dlq"))
                        .allTopicNames()
                        .get()
                        .get(name + "-dlq")
                        .partitions())
                .hasSize(1);
    }

    @Test
    void aTopicConfigOverridesTheDerivedValues() throws Exception {
        String name = "overridden-" + UUID.randomUUID();
        KafkaProperties kafka =
                properties(name, null, (short) -1, null, Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1"));

        assertThat(new NotificationTopic(admin, kafka, VERIFICATION).ensureCreated())
                .isTrue();

        assertThat(config(name, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)).isEqualTo("1");
    }

    @Test
    void aMinInsyncReplicasAboveTheReplicationFactorCannotReachTheBroker() {
        // The broker would accept the topic, and then refuse every acks=all write with NotEnoughReplicas.
        assertThatThrownBy(() -> properties("too-many", null, (short) 1, 2, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("min-insync-replicas");
    }

    private static long retentionMs(String topic) {
        return Long.parseLong(config(topic, TopicConfig.RETENTION_MS_CONFIG));
    }

    /**
     * The value the broker reports for the topic, read back from the broker (once the new topic's metadata has reached
     * the broker that answers: until then it is an unknown topic).
     */
    private static String config(String topic, String key) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return await().atMost(Duration.ofSeconds(30))
                .ignoreExceptions()
                .until(
                        () -> admin.describeConfigs(List.of(resource))
                                .all()
                                .get()
                                .get(resource)
                                .get(key)
                                .value(),
                        Objects::nonNull);
    }

    /** The verification token's lifetime. */
    private static final Duration VERIFICATION = Duration.ofMinutes(40);

    private static KafkaProperties properties(String topic, Duration retention) {
        return properties(topic, retention, (short) -1, null, Map.of());
    }

    private static KafkaProperties properties(
            String topic,
            Duration retention,
            short replicationFactor,
            Integer minInsyncReplicas,
            Map<String, String> topicConfig) {
        return new KafkaProperties(
                TestKafka.shared().bootstrapServers(),
                topic,
                1,
                replicationFactor,
                retention,
                Duration.ofSeconds(30),
                Duration.ofSeconds(10),
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                Map.of(),
                minInsyncReplicas,
                topicConfig,
                topic + "-dlq");
    }

    /** The real admin client, except that creating a topic fails the way a locked-down cluster refuses it. */
    private static Admin refusingCreation(String refusal) {
        return (Admin) Proxy.newProxyInstance(
                Admin.class.getClassLoader(), new Class<?>[] {Admin.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createTopics")) {
                        KafkaFutureImpl<CreateTopicsResult.TopicMetadataAndConfig> failed = new KafkaFutureImpl<>();
                        failed.completeExceptionally(
                                refusal.equals("acl")
                                        ? new TopicAuthorizationException("Not authorized to create topics")
                                        : new PolicyViolationException("Topic creation is not allowed"));
                        Map<String, KafkaFuture<CreateTopicsResult.TopicMetadataAndConfig>> answers =
                                new java.util.HashMap<>();
                        for (NewTopic topic : (java.util.Collection<NewTopic>) args[0]) {
                            answers.put(topic.name(), failed);
                        }
                        return new CreateTopicsResult(answers) {};
                    }
                    try {
                        return method.invoke(admin, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
