package com.gopherpay.localstack.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigTransformer;
import org.apache.kafka.common.config.provider.EnvVarConfigProvider;
import org.apache.kafka.connect.runtime.distributed.DistributedConfig;
import org.apache.kafka.connect.runtime.standalone.StandaloneConfig;
import org.junit.jupiter.api.Test;

class ConnectWorkerTest {

    private static final String PARAMS = "config.providers.env.param.";

    private final ConnectWorker.Settings settings = new ConnectWorker.Settings(
            "127.0.0.1:9092",
            18083,
            Path.of("work"),
            "classpath",
            Path.of("plugin.zip"),
            Path.of("connector.json"),
            URI.create("http://127.0.0.1:8081"),
            "dev-key");

    private final Properties worker = ConnectWorker.workerProperties(settings, Path.of("plugins"));

    @Test
    void aDistributedWorkerRunsTheShippedWorkerConfigurationWithThisMachinesAddresses() {
        Path shipped = Path.of("..", "deploy", "connect", "worker-distributed.properties");

        Properties distributed = ConnectWorker.distributedWorkerProperties(settings, Path.of("plugins"), shipped);
        DistributedConfig config = new DistributedConfig(asMap(distributed));

        assertThat(config.getString("group.id")).isEqualTo("gopherpay-connect");
        assertThat(config.getShort("config.storage.replication.factor")).isEqualTo((short) 3);
        assertThat(config.getShort("offset.storage.replication.factor")).isEqualTo((short) 3);
        assertThat(config.getShort("status.storage.replication.factor")).isEqualTo((short) 3);
        assertThat(config.getInt("scheduled.rebalance.max.delay.ms")).isEqualTo(10_000);
        assertThat(config.getList("bootstrap.servers")).containsExactly("127.0.0.1:9092");
        assertThat(config.getList("listeners")).containsExactly("http://127.0.0.1:18083");
        assertThat(config.getString("rest.advertised.host.name")).isEqualTo("127.0.0.1");
        assertThat(config.getInt("rest.advertised.port")).isEqualTo(18083);
        assertThat(distributed.getProperty("plugin.path")).isEqualTo("plugins");
        assertThat(distributed.getProperty("config.providers.env.param.allowlist.pattern"))
                .isEqualTo("NOVU_API_KEY");
    }

    @Test
    void findsPluginsByTheirServiceLoaderManifestsInsteadOfScanningEveryClass() {
        Path shipped = Path.of("..", "deploy", "connect", "worker-distributed.properties");
        Properties distributed = ConnectWorker.distributedWorkerProperties(settings, Path.of("plugins"), shipped);

        assertThat(new StandaloneConfig(asMap(worker)).getString("plugin.discovery"))
                .isEqualTo("service_load");
        assertThat(new DistributedConfig(asMap(distributed)).getString("plugin.discovery"))
                .isEqualTo("service_load");
    }

    @Test
    void servesTheRestApiToThisMachineOnly() {
        StandaloneConfig config = new StandaloneConfig(asMap(worker));

        assertThat(config.getList("listeners")).containsExactly("http://127.0.0.1:18083");
        assertThat(config.getString("rest.advertised.host.name")).isEqualTo("127.0.0.1");
    }

    @Test
    void resolvesOnlyTheApiKeyVariableFromTheEnvironment() {
        assertThat(worker.getProperty("config.providers")).isEqualTo("env");
        assertThat(worker.getProperty("config.providers.env.class")).isEqualTo(EnvVarConfigProvider.class.getName());
        // The provider configured the way the worker does it: with the properties under config.providers.env.param.
        Map<String, String> params = new HashMap<>();
        worker.stringPropertyNames().stream()
                .filter(name -> name.startsWith(PARAMS))
                .forEach(name -> params.put(name.substring(PARAMS.length()), worker.getProperty(name)));
        EnvVarConfigProvider provider = new EnvVarConfigProvider(Map.of(
                "NOVU_API_KEY",
                "dev-key",
                "HOME",
                "/home/dev",
                "AWS_SECRET_ACCESS_KEY",
                "aws-secret",
                "NOVU_API_KEY_2",
                "other"));
        provider.configure(params);

        Map<String, String> resolved = new ConfigTransformer(Map.of("env", provider))
                .transform(Map.of(
                        "novu.api.key", "${env:NOVU_API_KEY}",
                        "novu.api.url", "${env:HOME}",
                        "topics", "${env:AWS_SECRET_ACCESS_KEY}",
                        "name", "${env:NOVU_API_KEY_2}"))
                .data();

        assertThat(resolved)
                .containsEntry("novu.api.key", "dev-key")
                .containsEntry("novu.api.url", "${env:HOME}")
                .containsEntry("topics", "${env:AWS_SECRET_ACCESS_KEY}")
                .containsEntry("name", "${env:NOVU_API_KEY_2}");
    }

    private static Map<String, String> asMap(Properties properties) {
        Map<String, String> map = new HashMap<>();
        properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        return map;
    }
}
