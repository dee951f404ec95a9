package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.junit.jupiter.api.Test;

class LocalStackOptionsTest {

    @Test
    void theFullStackByDefault() {
        LocalStackOptions forTests = LocalStackOptions.forTests();
        try {
            assertThat(forTests.identityOnly()).isFalse();
        } finally {
            FileUtils.deleteQuietly(forTests.dataDirectory().toFile());
        }
        assertThat(LocalStackOptions.fromEnvironment(Map.of(), false, Path.of("stack"))
                        .identityOnly())
                .isFalse();
    }

    @Test
    void identityOnlyChangesNothingElseAndSurvivesTheOtherWithers() {
        LocalStackOptions full = LocalStackOptions.fromEnvironment(
                Map.of("IDENTITY_PORT", "18080", "DATABASE_URL", "jdbc:postgresql://db/identity"),
                true,
                Path.of("stack"));

        LocalStackOptions identityOnly = full.withIdentityOnly();
        LocalStackOptions withProperties = identityOnly
                .withIdentityProperties(Map.of("identity.rate-limit.enabled", "false"))
                .withNotificationProperties(Map.of("a", "b"));

        assertThat(identityOnly.identityOnly()).isTrue();
        assertThat(identityOnly)
                .usingRecursiveComparison()
                .ignoringFields("identityOnly")
                .isEqualTo(full);
        assertThat(withProperties.identityOnly()).isTrue();
        assertThat(withProperties.identityProperties()).containsEntry("identity.rate-limit.enabled", "false");
        assertThat(withProperties.identityPort()).isEqualTo(18080);
    }

    @Test
    void theClusterTopologyIsOffByDefaultAndKeepsEveryOtherSetting() {
        LocalStackOptions standalone =
                LocalStackOptions.fromEnvironment(Map.of("KAFKA_PORT", "19092"), false, Path.of("stack"));

        LocalStackOptions cluster =
                standalone.withCluster().withIdentityProperties(Map.of("identity.rate-limit.enabled", "false"));

        assertThat(standalone.cluster()).isFalse();
        assertThat(LocalStackOptions.forTests().cluster()).isFalse();
        assertThat(cluster.cluster()).isTrue();
        assertThat(cluster.kafkaPort()).isEqualTo(19092);
        assertThat(standalone.withCluster())
                .usingRecursiveComparison()
                .ignoringFields("cluster")
                .isEqualTo(standalone);
    }

    @Test
    void faultInjectionIsOffUnlessAskedForAndChangesNothingElse() {
        LocalStackOptions standalone = LocalStackOptions.fromEnvironment(Map.of(), false, Path.of("stack"));

        LocalStackOptions withControls = standalone.withCluster().withFaultInjection();

        assertThat(standalone.faultInjection()).isFalse();
        assertThat(LocalStackOptions.forTests().faultInjection()).isFalse();
        assertThat(withControls.faultInjection()).isTrue();
        assertThat(withControls.withIdentityProperties(Map.of("a", "b")).faultInjection())
                .isTrue();
        assertThat(withControls)
                .usingRecursiveComparison()
                .ignoringFields("faultInjection")
                .isEqualTo(standalone.withCluster());
    }
}
