package com.gopherpay.novu.connect.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.gopherpay.novu.connect.NovuSinkConnector;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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
        // A time budget that rides out a 2-minute outage, no count limit, and at most 2 s between Novu answering
        // again and the next attempt (Retry-After aside, honoured up to a minute).
        assertThat(config.retryMaxDuration()).isEqualTo(Duration.ofMinutes(3));
        assertThat(config.maxRetries()).isEqualTo(-1);
        assertThat(config.retryBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.retryBackoffMax()).isEqualTo(Duration.ofSeconds(2));
        assertThat(config.retryAfterMax()).isEqualTo(Duration.ofMinutes(1));
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

    /** A resolver with fixed answers: no test depends on the machine's DNS. */
    private static NovuUrlPolicy.HostResolver resolving(String host, String... addresses) {
        return name -> {
            if (!name.equals(host)) {
                throw new UnknownHostException(name);
            }
            InetAddress[] resolved = new InetAddress[addresses.length];
            for (int i = 0; i < addresses.length; i++) {
                resolved[i] = InetAddress.getByName(addresses[i]); // literals: no lookup
            }
            return resolved;
        };
    }

    private static Map<String, String> withUrl(String url) {
        return with(NovuSinkConfig.NOVU_API_URL, url);
    }

    @Test
    void refusesPlainHttpToAHostThatIsNotThisMachineUnlessAllowed() {
        NovuUrlPolicy.HostResolver resolver = resolving("novu.internal", "10.0.0.5");

        assertThatThrownBy(() -> NovuSinkConfig.validated(withUrl("http://novu.internal:3000"), resolver))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(NovuSinkConfig.NOVU_API_URL)
                .hasMessageContaining(NovuSinkConfig.ALLOW_INSECURE_HTTP)
                .hasMessageNotContaining("novu.internal");
        // A host that does not resolve is not shown to be this machine either.
        assertThatThrownBy(() -> NovuSinkConfig.validated(withUrl("http://elsewhere.test"), resolver))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(NovuSinkConfig.ALLOW_INSECURE_HTTP);
        // Loopback and something else is not loopback.
        assertThatThrownBy(() -> NovuSinkConfig.validated(
                        withUrl("http://novu.internal"), resolving("novu.internal", "127.0.0.1", "10.0.0.5")))
                .isInstanceOf(ConfigException.class);

        Map<String, String> allowed = withUrl("http://novu.internal:3000");
        allowed.put(NovuSinkConfig.ALLOW_INSECURE_HTTP, "true");
        assertThat(NovuSinkConfig.validated(allowed, resolver).apiUrl())
                .isEqualTo(URI.create("http://novu.internal:3000"));
        assertThat(NovuSinkConfig.validated(withUrl("https://novu.internal"), resolver)
                        .allowInsecureHttp())
                .isFalse();
    }

    @Test
    void acceptsPlainHttpToLoopback() {
        assertThat(NovuSinkConfig.validated(withUrl("http://127.0.0.1:3000")).apiUrl())
                .isEqualTo(URI.create("http://127.0.0.1:3000"));
        assertThat(NovuSinkConfig.validated(withUrl("http://[::1]:3000")).apiUrl())
                .isEqualTo(URI.create("http://[::1]:3000"));
        assertThat(NovuSinkConfig.validated(
                                withUrl("http://notification.test:8080"), resolving("notification.test", "127.0.0.2"))
                        .apiUrl())
                .isEqualTo(URI.create("http://notification.test:8080"));
    }

    @Test
    void acceptsAnHttpsHostThatDoesNotResolveYet() {
        // A DNS outage must not keep the connector from starting; every request checks the address again.
        assertThat(NovuSinkConfig.validated(withUrl("https://api.novu.co"), resolving("other.test", "10.0.0.1"))
                        .apiUrl())
                .isEqualTo(URI.create("https://api.novu.co"));
    }

    @Test
    void refusesCredentialsInTheUrlWithoutQuotingThem() {
        for (String url : List.of("https://user:hunter2-pw@api.novu.co", "https://hunter2-pw@api.novu.co/v1")) {
            assertThatThrownBy(() -> NovuSinkConfig.validated(withUrl(url)))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(NovuSinkConfig.NOVU_API_URL)
                    .hasMessageContaining("credentials")
                    .hasMessageNotContaining("hunter2");
        }
    }

    @Test
    void refusesLinkLocalAndCloudMetadataAddressesEvenWhenInsecureHttpIsAllowed() {
        List<String> urls = List.of(
                "http://169.254.169.254/latest",
                "https://169.254.0.1",
                "https://[fe80::1]",
                "https://[febf::abcd]:8443",
                "https://[fd00:ec2::254]",
                "https://[::ffff:169.254.169.254]",
                // 169.254.169.254 as one decimal number, which the JDK (and so the HTTP client) accepts.
                "https://2852039166");
        for (String url : urls) {
            Map<String, String> props = withUrl(url);
            props.put(NovuSinkConfig.ALLOW_INSECURE_HTTP, "true");
            assertThatThrownBy(() -> NovuSinkConfig.validated(props))
                    .as(url)
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining(NovuSinkConfig.NOVU_API_URL)
                    .hasMessageContaining("link-local");
        }
        // A name is judged by what it resolves to: here the ECS task metadata endpoint.
        assertThatThrownBy(() -> NovuSinkConfig.validated(
                        withUrl("https://metadata.test"), resolving("metadata.test", "10.0.0.1", "169.254.170.2")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("link-local");
        // Neighbours of the metadata addresses are ordinary addresses.
        assertThat(NovuSinkConfig.validated(withUrl("https://[fd00:ec2::253]")).apiUrl())
                .hasHost("[fd00:ec2::253]");
        assertThat(NovuSinkConfig.validated(withUrl("https://169.255.0.1")).apiUrl())
                .hasHost("169.255.0.1");
    }

    @Test
    void connectorValidationReportsUrlPolicyProblemsOnTheUrl() {
        Config result = new NovuSinkConnector().validate(withUrl("http://169.254.169.254"));

        assertThat(errorsOf(result, NovuSinkConfig.NOVU_API_URL))
                .singleElement()
                .asString()
                .contains("link-local")
                .doesNotContain("169.254.169.254/");
    }

    @ParameterizedTest
    @MethodSource("everyKey")
    void neverQuotesAValueInAValidationMessage(String key) {
        // What a config provider could have put there: ${env:NOVU_API_KEY} resolved before validation.
        String secret = "S3cretValue-9876";
        Map<String, String> props = with(key, secret);

        Config result = new NovuSinkConnector().validate(props);
        List<String> messages = result.configValues().stream()
                .flatMap(value -> value.errorMessages().stream())
                .toList();
        String thrown;
        try {
            NovuSinkConfig.validated(props);
            thrown = "";
        } catch (ConfigException e) {
            thrown = e.getMessage();
            assertThat(thrown).contains(key);
        }

        assertThat(messages)
                .allSatisfy(
                        message -> assertThat(message).doesNotContain(secret).doesNotContain("9876"));
        assertThat(thrown).doesNotContain(secret).doesNotContain("9876");
        if (!messages.isEmpty()) {
            assertThat(errorsOf(result, key))
                    .isNotEmpty()
                    .allSatisfy(message -> assertThat(message).contains(key));
        }
    }

    static Stream<String> everyKey() {
        return NovuSinkConfig.CONFIG_DEF.names().stream().sorted();
    }

    @Test
    void validationMessagesOfKafkaLoseTheQuotedValue() {
        assertThat(ValidationMessages.withoutValue(
                        "batch.max.size",
                        " s3cret ",
                        "Invalid value s3cret for configuration batch.max.size: Not a number of type INT"))
                .isEqualTo("Invalid value for configuration batch.max.size: Not a number of type INT");
        // A value that contains the marker itself does not fool it.
        String tricky = "x for configuration batch.max.size: y";
        assertThat(ValidationMessages.withoutValue(
                        "batch.max.size", tricky, "Invalid value " + tricky + " for configuration batch.max.size"))
                .isEqualTo("Invalid value for configuration batch.max.size");
        assertThat(ValidationMessages.withoutValue("k", "abcdef", "Something about abcdef went wrong"))
                .isEqualTo("Something about [redacted] went wrong");
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

    private static List<String> errorsOf(Config config, String key) {
        return config.configValues().stream()
                .filter(value -> value.name().equals(key))
                .findFirst()
                .map(ConfigValue::errorMessages)
                .orElseThrow();
    }
}
