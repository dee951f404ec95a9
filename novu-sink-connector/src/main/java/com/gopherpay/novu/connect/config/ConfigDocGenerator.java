package com.gopherpay.novu.connect.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/** Writes the connector's configuration reference (Markdown) from {@link NovuSinkConfig#CONFIG_DEF}; run by the build. */
public final class ConfigDocGenerator {

    private ConfigDocGenerator() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ConfigDocGenerator <output.md>");
        }
        Path output = Path.of(args[0]);
        Files.createDirectories(output.toAbsolutePath().getParent());
        String markdown = markdown(NovuSinkConfig.CONFIG_DEF);
        // Only rewrite on change, so an unchanged build leaves the working tree clean.
        if (!Files.exists(output)
                || !Files.readString(output, StandardCharsets.UTF_8).equals(markdown)) {
            Files.writeString(output, markdown, StandardCharsets.UTF_8);
        }
    }

    static String markdown(ConfigDef configDef) {
        StringBuilder md = new StringBuilder();
        md.append("# novu-sink-connector configuration\n\n")
                .append("<!-- Generated from NovuSinkConfig's ConfigDef by the build (ConfigDocGenerator). Do not edit."
                        + " -->\n\n")
                .append("Connector class: `com.gopherpay.novu.connect.NovuSinkConnector`. Besides these keys, the usual"
                        + " sink settings apply (`topics`, `tasks.max`, converters, `errors.*`). Values are JSON"
                        + " trigger bodies: a JSON string or bytes (StringConverter/ByteArrayConverter), or a map or"
                        + " Struct (JsonConverter).\n");
        String group = null;
        List<ConfigDef.ConfigKey> keys = configDef.configKeys().values().stream()
                .sorted(java.util.Comparator.comparing(
                                (ConfigDef.ConfigKey key) -> configDef.groups().indexOf(key.group))
                        .thenComparingInt(key -> key.orderInGroup))
                .toList();
        for (ConfigDef.ConfigKey key : keys) {
            if (!Objects.equals(group, key.group)) {
                group = key.group;
                md.append("\n## ").append(group).append("\n");
            }
            md.append("\n### `").append(key.name).append("`\n\n");
            md.append(escape(key.documentation)).append("\n\n");
            md.append("| | |\n|---|---|\n");
            md.append("| Display name | ").append(key.displayName).append(" |\n");
            md.append("| Type | ")
                    .append(key.type.name().toLowerCase(java.util.Locale.ROOT))
                    .append(" |\n");
            md.append("| Default | ").append(defaultValue(key)).append(" |\n");
            md.append("| Valid values | ")
                    .append(key.validator == null ? "any" : escape(key.validator.toString()))
                    .append(" |\n");
            md.append("| Importance | ")
                    .append(key.importance.name().toLowerCase(java.util.Locale.ROOT))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String defaultValue(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "(unset)";
        }
        if (key.defaultValue instanceof Password) {
            return "[hidden]";
        }
        return "`" + ConfigDef.convertToString(key.defaultValue, key.type) + "`";
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("<", "&lt;").replace(">", "&gt;");
    }
}
