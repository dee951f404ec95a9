package com.gopherpay.novu.connect;

import com.gopherpay.novu.connect.config.NovuSinkConfig;
import com.gopherpay.novu.connect.config.NovuUrlPolicy;
import com.gopherpay.novu.connect.config.ValidationMessages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
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

    /**
     * The per-key checks plus the cross-field and network ones, each reported on the key to fix, and no message quoting
     * a value: Connect hands this method configs with provider placeholders already resolved.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        List<ConfigValue> values = new ArrayList<>();
        for (ConfigValue value : super.validate(connectorConfigs).configValues()) {
            List<String> messages = value.errorMessages().stream()
                    .map(message ->
                            ValidationMessages.withoutValue(value.name(), connectorConfigs.get(value.name()), message))
                    .toList();
            ConfigValue withoutValues =
                    new ConfigValue(value.name(), value.value(), value.recommendedValues(), new ArrayList<>(messages));
            withoutValues.visible(value.visible());
            values.add(withoutValues);
        }
        Config config = new Config(values);
        boolean keysValid =
                values.stream().allMatch(value -> value.errorMessages().isEmpty());
        if (!keysValid) {
            return config;
        }
        new NovuSinkConfig(connectorConfigs)
                .crossFieldProblems(NovuUrlPolicy.HostResolver.SYSTEM)
                .forEach((key, problem) -> values.stream()
                        .filter(value -> value.name().equals(key))
                        .findFirst()
                        .ifPresent(value -> value.addErrorMessage(ValidationMessages.invalid(key, problem))));
        return config;
    }

    @Override
    public String version() {
        return Version.VERSION;
    }
}
