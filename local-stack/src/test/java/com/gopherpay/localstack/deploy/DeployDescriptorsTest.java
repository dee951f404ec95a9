package com.gopherpay.localstack.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The descriptors under deploy/ cannot drift from the code: every Spring property and environment variable they set
 * exists in the service's configuration metadata (read from its built jar, Spring Boot's own modules included), every
 * probe names a port and path the service answers, every connector and worker key exists in the connector's ConfigDef
 * or Connect's own, and the copies of one setting (KafkaConnector vs the JSON descriptor, KafkaConnect vs the worker
 * properties, compose vs both) agree.
 */
class DeployDescriptorsTest {

    private static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();
    private static Map<String, ServiceMetadata> services;

    @BeforeAll
    static void readServiceMetadata() {
        services = Map.of(
                DeployDescriptors.IDENTITY, ServiceMetadata.of(REPOSITORY, DeployDescriptors.IDENTITY),
                DeployDescriptors.NOTIFICATION, ServiceMetadata.of(REPOSITORY, DeployDescriptors.NOTIFICATION));
    }

    @Test
    void everyDescriptorMatchesTheCode() {
        assertThat(new DeployDescriptors(REPOSITORY.resolve("deploy"), services).problems())
                .isEmpty();
    }

    @Test
    void relaxedBindingOfEnvironmentVariablesFollowsSpringBoot() {
        ServiceMetadata identity = services.get(DeployDescriptors.IDENTITY);
        ServiceMetadata notification = services.get(DeployDescriptors.NOTIFICATION);

        assertThat(identity.knowsEnvironmentVariable("IDENTITY_KAFKA_BOOTSTRAP_SERVERS"))
                .isTrue();
        assertThat(identity.knowsEnvironmentVariable("IDENTITY_KAFKA_BOOTSTRAPSERVERS"))
                .isTrue();
        assertThat(identity.knowsEnvironmentVariable("IDENTITY_KAFKA_TOPICCONFIG_COMPRESSION_TYPE"))
                .isTrue();
        assertThat(identity.knowsEnvironmentVariable("SPRING_DATASOURCE_PASSWORD"))
                .isTrue();
        assertThat(identity.knowsEnvironmentVariable("MANAGEMENT_SERVER_PORT")).isTrue();
        assertThat(identity.knowsEnvironmentVariable("LOGGING_LEVEL_ORG_APACHE_KAFKA"))
                .isTrue();
        assertThat(notification.knowsEnvironmentVariable("NOTIFICATION_API_KEYS_0_KEY_SHA256"))
                .isTrue();
        assertThat(notification.knowsEnvironmentVariable("SPRING_MAIL_HOST")).isTrue();

        assertThat(identity.knowsEnvironmentVariable("IDENTITY_KAFKA_BOOTSTRAP_SERVER"))
                .isFalse();
        assertThat(identity.knowsEnvironmentVariable("IDENTITY_KAFKA")).isFalse();
        assertThat(identity.knowsEnvironmentVariable("NOTIFICATION_MAIL_FROM_ADDRESS"))
                .isFalse();
        assertThat(notification.knowsEnvironmentVariable("NOTIFICATION_API_KEYS_X_KEY_SHA256"))
                .isFalse();
    }

    @Test
    void catchesMisspeltKeysWrongProbesAndCopiesThatDisagree(@TempDir Path copy) throws IOException {
        Path deploy = copyOf(REPOSITORY.resolve("deploy"), copy);
        replace(
                deploy.resolve("kubernetes/identity-service.yaml"),
                "IDENTITY_KAFKA_BOOTSTRAP_SERVERS",
                "IDENTITY_KAFKA_BOOTSTRAP_SERVER");
        replace(
                deploy.resolve("kubernetes/notification-service.yaml"),
                "/actuator/health/readiness",
                "/actuator/health/ready");
        replace(
                deploy.resolve("kubernetes/strimzi/kafka-connector.yaml"),
                "novu.retry.max.duration.ms",
                "novu.retry.max.duraton.ms");
        replace(
                deploy.resolve("connect/worker-distributed.properties"),
                "scheduled.rebalance.max.delay.ms=10000",
                "scheduled.rebalance.delay.ms=10000");
        replace(deploy.resolve("compose/compose.yaml"), "SPRING_MAIL_HOST", "SPRING_MAIL_HOSTNAME");
        replace(deploy.resolve("kubernetes/strimzi/kafka-topics.yaml"), "partitions: 3", "partitions: 6");

        assertThat(new DeployDescriptors(deploy, services).problems())
                .anySatisfy(
                        problem -> assertThat(problem).contains("IDENTITY_KAFKA_BOOTSTRAP_SERVER binds to no property"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("readinessProbe: /actuator/health/ready on the management port 3001"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("'novu.retry.max.duraton.ms' is neither a novu-sink-connector setting"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("connect/worker-distributed.properties: 'scheduled.rebalance.delay.ms' is no Kafka"))
                .anySatisfy(problem -> assertThat(problem).contains("SPRING_MAIL_HOSTNAME binds to no property"))
                .anySatisfy(problem -> assertThat(problem)
                        .contains("KafkaTopic email-verification: partitions differ from the connector's tasks.max"))
                // the KafkaConnect copy no longer matches the worker properties
                .anySatisfy(problem -> assertThat(problem)
                        .contains("KafkaConnect gopherpay-connect: sets scheduled.rebalance.max.delay.ms"));
    }

    private static Path copyOf(Path source, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(source)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(source.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(file, destination);
                }
            }
        }
        return target;
    }

    private static void replace(Path file, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        Files.writeString(file, text.replace(from, to));
    }
}
