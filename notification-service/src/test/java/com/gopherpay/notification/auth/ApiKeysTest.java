package com.gopherpay.notification.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.notification.config.NotificationProperties;
import com.gopherpay.notification.support.RunningService;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiKeysTest {

    private final ApiKeys keys = new ApiKeys(new NotificationProperties(
            List.of(
                    new NotificationProperties.ApiKey("dev", RunningService.sha256("dev-key")),
                    new NotificationProperties.ApiKey(
                            "prod", RunningService.sha256("prod-key").toUpperCase())),
            null,
            null,
            null,
            null,
            null,
            Map.of()));

    @Test
    void resolvesEnvironmentOfKnownKeyGivenOnlyItsHash() {
        assertThat(keys.environmentOf("dev-key")).contains("dev");
        assertThat(keys.environmentOf("prod-key")).contains("prod");
    }

    @Test
    void rejectsUnknownKey() {
        assertThat(keys.environmentOf("dev-key ")).isEmpty();
        assertThat(keys.environmentOf("")).isEmpty();
    }
}
