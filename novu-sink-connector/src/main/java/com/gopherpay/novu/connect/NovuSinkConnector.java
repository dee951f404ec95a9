package com.gopherpay.novu.connect;

import com.gopherpay.novu.connect.config.NovuSinkConfig;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** Kafka Connect sink that triggers Novu workflows, one record per trigger. */
public final class NovuSinkConnector extends SinkConnector {

    private Map<String, String> settings;

    @Override
    public void start(Map<String, String> props) {
        NovuSinkConfig.validated(props);
        this.settings = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return NovuSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        // Every task does the same work on the partitions Connect assigns it.
        return Collections.nCopies(maxTasks, settings);
    }

    @Override
    public void stop() {}

    @Override
    public ConfigDef config() {
        return NovuSinkConfig.CONFIG_DEF;
    }

    /** Adds the cross-field checks to the per-key ones, each reported on the key to fix. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        boolean keysValid = config.configValues().stream()
                .allMatch(value -> value.errorMessages().isEmpty());
        if (!keysValid) {
            return config;
        }
        try {
            new NovuSinkConfig(connectorConfigs)
                    .crossFieldProblems()
                    .forEach((key, problem) -> config.configValues().stream()
                            .filter(value -> value.name().equals(key))
                            .findFirst()
                            .ifPresent(value -> value.addErrorMessage(describe(value, problem))));
        } catch (ConfigException e) {
            // Already reported per key by super.validate().
        }
        return config;
    }

    private static String describe(ConfigValue value, String problem) {
        return "Invalid value " + value.value() + " for configuration " + value.name() + ": " + problem;
    }

    @Override
    public String version() {
        return Version.VERSION;
    }
}
