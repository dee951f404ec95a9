package com.gopherpay.novu.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.gopherpay.novu.connect.NovuSinkConnector;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

class NovuSinkConfigTest {

    private static Map<String, String> minimal() {
        Map<String, String> props = new HashMap<>();
        props.put(NovuSinkConfig.NOVU_API_KEY, "secret-key");
        return props;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> props = minimal();
        props.put(key, value);
        return props;
    }

    @Test
    void appliesProductionDefaults() {
        NovuSinkConfig config = NovuSinkConfig.validated(minimal());

        assertThat(config.apiUrl()).isEqualTo(URI.create("https://api.novu.co"));
        assertThat(config.batchMaxSize()).isEqualTo(1);
        assertThat(config.maxRetries()).isEqualTo(5);
        assertThat(config.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.retryBackoffMax()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.httpTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.putTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.behaviorOnClientError()).isEqualTo(ClientErrorBehavior.FAIL);
        assertThat(config.defaultWorkflowId()).isNull();
        assertThat(config.transactionIdHeader()).isEqualTo("event-id");
    }

    @Test
    void acceptsApiUrlWithOrWithoutVersionSuffix() {
        assertThat(NovuSinkConfig.validated(with(NovuSinkConfig.NOVU_API_URL, "http://localhost:3000/v1/"))
                        .apiUrl())
                .isEqualTo(URI.create("http://localhost:3000"));
        assertThat(NovuSinkConfig.validated(with(NovuSinkConfig.NOVU_API_URL, "https://eu.api.novu.co/"))
                        .apiUrl())
                .isEqualTo(URI.create("https://eu.api.novu.co"));
        assertThat(NovuSinkConfig.validated(with(NovuSinkConfig.NOVU_API_URL, "https://gateway.example/novu/v1//"))
                        .apiUrl())
                .isEqualTo(URI.create("https://gateway.example/novu"));
    }

    @Test
    void requiresApiKey() {
        assertThatThrownBy(() -> NovuSinkConfig.validated(Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(NovuSinkConfig.NOVU_API_KEY);
        assertThatThrownBy(() -> NovuSinkConfig.validated(Map.of(NovuSinkConfig.NOVU_API_KEY, "  ")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(NovuSinkConfig.NOVU_API_KEY);
    }

    @Test
    void rejectsBatchSizesOutsideNovuBulkLimits() {
        assertThatThrownBy(() -> NovuSinkConfig.validated(with(NovuSinkConfig.BATCH_MAX_SIZE, "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(NovuSinkConfig.BATCH_MAX_SIZE);
        assertThatThrownBy(() -> NovuSinkConfig.validated(with(NovuSinkConfig.BATCH_MAX_SIZE, "101")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(NovuSinkConfig.BATCH_MAX_SIZE);
        assertThat(NovuSinkConfig.validated(with(NovuSinkConfig.BATCH_MAX_SIZE, "100"))
                        .batchMaxSize())
                .isEqualTo(100);
    }

    @Test
    void rejectsNonHttpApiUrl() {
        assertThatThrownBy(() -> NovuSinkConfig.validated(with(NovuSinkConfig.NOVU_API_URL, "ftp://novu.example")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(NovuSinkConfig.NOVU_API_URL);
        assertThatThrownBy(() -> NovuSinkConfig.validated(with(NovuSinkConfig.NOVU_API_URL, "not a url")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(NovuSinkConfig.NOVU_API_URL);
    }

    @Test
    void rejectsUnknownClientErrorBehavior() {
        assertThatThrownBy(() -> NovuSinkConfig.validated(with(NovuSinkConfig.BEHAVIOR_ON_CLIENT_ERROR, "ignore")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(NovuSinkConfig.BEHAVIOR_ON_CLIENT_ERROR);
        assertThat(NovuSinkConfig.validated(with(NovuSinkConfig.BEHAVIOR_ON_CLIENT_ERROR, "LOG"))
                        .behaviorOnClientError())
                .isEqualTo(ClientErrorBehavior.LOG);
    }

    @Test
    void rejectsMaxBackoffBelowInitialBackoffNamingTheKey() {
        Map<String, String> props = minimal();
        props.put(NovuSinkConfig.RETRY_BACKOFF_MS, "5000");
        props.put(NovuSinkConfig.RETRY_BACKOFF_MAX_MS, "1000");

        assertThatThrownBy(() -> NovuSinkConfig.validated(props))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(NovuSinkConfig.RETRY_BACKOFF_MAX_MS);
    }

    @Test
    void connectorValidationReportsCrossFieldErrorOnTheKeyToFix() {
        Map<String, String> props = minimal();
        props.put(NovuSinkConfig.RETRY_BACKOFF_MS, "5000");
        props.put(NovuSinkConfig.RETRY_BACKOFF_MAX_MS, "1000");

        Config result = new NovuSinkConnector().validate(props);

        assertThat(errorsOf(result, NovuSinkConfig.RETRY_BACKOFF_MAX_MS))
                .singleElement()
                .asString()
                .contains(NovuSinkConfig.RETRY_BACKOFF_MAX_MS)
                .contains(NovuSinkConfig.RETRY_BACKOFF_MS);
        assertThat(errorsOf(result, NovuSinkConfig.RETRY_BACKOFF_MS)).isEmpty();
    }

    @Test
    void connectorValidationReportsInvalidValueOnItsKey() {
        Config result = new NovuSinkConnector().validate(with(NovuSinkConfig.BATCH_MAX_SIZE, "500"));

        assertThat(errorsOf(result, NovuSinkConfig.BATCH_MAX_SIZE))
                .singleElement()
                .asString()
                .contains(NovuSinkConfig.BATCH_MAX_SIZE);
    }

    @Test
    void neverExposesTheApiKey() {
        NovuSinkConfig config = NovuSinkConfig.validated(with(NovuSinkConfig.NOVU_API_KEY, "super-secret"));

        assertThat(config.apiKey().toString()).doesNotContain("super-secret");
        assertThat(config.values().toString()).doesNotContain("super-secret");
        assertThatThrownBy(() -> NovuSinkConfig.validated(with(NovuSinkConfig.NOVU_API_KEY, "super secret")))
                .isInstanceOf(ConfigException.class)
                .hasMessageNotContaining("super");
    }

    @Test
    void rejectsApiKeysThatCannotTravelInAnHttpHeader() {
        assertThatThrownBy(() -> NovuSinkConfig.validated(with(NovuSinkConfig.NOVU_API_KEY, "schlüssel")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(NovuSinkConfig.NOVU_API_KEY)
                .hasMessageNotContaining("schl");
        assertThatThrownBy(() -> NovuSinkConfig.validated(with(NovuSinkConfig.NOVU_API_KEY, "ke\u0007y")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(NovuSinkConfig.NOVU_API_KEY);
    }

    @Test
    void generatedDocumentationDescribesEveryKey() {
        String markdown = ConfigDocGenerator.markdown(NovuSinkConfig.CONFIG_DEF);

        NovuSinkConfig.CONFIG_DEF.names().forEach(key -> assertThat(markdown).contains("### `" + key + "`"));
    }

    private static java.util.List<String> errorsOf(Config config, String key) {
        return config.configValues().stream()
                .filter(value -> value.name().equals(key))
                .findFirst()
                .map(ConfigValue::errorMessages)
                .orElseThrow();
    }
}
