package com.gopherpay.identity;

import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.embedded.testing.TestKafka;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Whole instances of the service for tests that run several on one database, as a deployment does: each on free ports,
 * with the shared test broker and a throw-away signing key, plus the test's own settings.
 */
public final class Instances {

    private Instances() {}

    /** Starts one instance; {@code settings} are passed as command-line arguments, which outrank the defaults. */
    public static ConfigurableApplicationContext start(TestDatabase database, Map<String, String> settings) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("server.port", "0");
        all.put("management.server.port", "0");
        all.put("spring.datasource.url", database.jdbcUrl());
        all.put("spring.datasource.username", database.username());
        all.put("spring.datasource.password", database.password());
        all.put("identity.kafka.bootstrap-servers", TestKafka.shared().bootstrapServers());
        all.put("identity.token.generate-ephemeral-key", "true");
        // Each request names its client address (X-Forwarded-For from loopback), see Api.
        all.put("server.forward-headers-strategy", "native");
        all.putAll(settings);
        return new SpringApplicationBuilder(IdentityApplication.class)
                .run(all.entrySet().stream()
                        .map(e -> "--" + e.getKey() + "=" + e.getValue())
                        .toArray(String[]::new));
    }

    /** Stops the instances given, in reverse order; null ones (a start that failed) are skipped. */
    public static void stop(ConfigurableApplicationContext... instances) {
        for (int i = instances.length - 1; i >= 0; i--) {
            if (instances[i] != null) {
                instances[i].close();
            }
        }
    }

    /** The API of a running instance. */
    public static Api api(ConfigurableApplicationContext instance) {
        return new Api(((WebServerApplicationContext) instance).getWebServer().getPort());
    }
}
