package com.gopherpay.configreference;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigReferenceTest {

    private static final String METADATA = """
            {"groups":[{"name":"app","type":"com.example.AppProperties"}],
             "properties":[
              {"name":"app.retry.max-wait","type":"java.time.Duration","description":"longest wait between {@code two} retries",
               "sourceType":"com.example.AppProperties$Retry","defaultValue":"5m"},
              {"name":"app.keys","type":"java.util.List<com.example.AppProperties$Key>",
               "description":"accepted keys, see {@link com.example.Keys}"},
              {"name":"app.enabled","type":"java.lang.Boolean","description":"whether it runs","defaultValue":true},
              {"name":"app.ratio","type":"java.lang.Double","description":"a | b, in\\n  two lines","defaultValue":2.5},
              {"name":"app.hosts","type":"java.util.List<java.lang.String>","defaultValue":["a","b"]},
              {"name":"app.old","type":"java.lang.String","description":"the old way","deprecated":true,
               "deprecation":{"replacement":"app.new"}}
             ],
             "hints":[]}
            """;

    @Test
    void writesOneRowPerPropertySortedByName() {
        String markdown = ConfigReference.markdown(METADATA, "app configuration");

        assertThat(markdown).isEqualTo("""
                <!-- Generated from Spring Boot's configuration metadata by the config-reference module; do not edit: \
                the build rewrites this file. -->

                # app configuration

                | property | type | default | description |
                | --- | --- | --- | --- |
                | `app.enabled` | `Boolean` | `true` | whether it runs |
                | `app.hosts` | `List<String>` | `a,b` | — |
                | `app.keys` | `List<Key>` | — | accepted keys, see `com.example.Keys` |
                | `app.old` | `String` | — | **Deprecated** (use `app.new`). the old way |
                | `app.ratio` | `Double` | `2.5` | a \\| b, in two lines |
                | `app.retry.max-wait` | `Duration` | `5m` | longest wait between `two` retries |
                """);
    }

    @Test
    void givesTheSameOutputWhateverTheInputOrder() {
        String b = "{\"name\":\"b.x\",\"type\":\"java.lang.String\"}";
        String a = "{\"name\":\"a.x\",\"type\":\"java.lang.Integer\",\"defaultValue\":1}";

        String forward = ConfigReference.markdown("{\"properties\":[" + a + "," + b + "]}", "t");
        String backward = ConfigReference.markdown("{\"properties\":[" + b + "," + a + "]}", "t");

        assertThat(backward).isEqualTo(forward);
        assertThat(forward.indexOf("`a.x`")).isLessThan(forward.indexOf("`b.x`"));
    }

    @Test
    void mainReadsTheMetadataFileAndWritesTheReference(@TempDir Path dir) throws Exception {
        Path input = dir.resolve("spring-configuration-metadata.json");
        Files.writeString(input, METADATA, StandardCharsets.UTF_8);
        Path output = dir.resolve("docs/app-config.md");

        ConfigReference.main(new String[] {input.toString(), output.toString(), "app configuration"});

        assertThat(Files.readString(output, StandardCharsets.UTF_8))
                .isEqualTo(ConfigReference.markdown(METADATA, "app configuration"));
    }
}
