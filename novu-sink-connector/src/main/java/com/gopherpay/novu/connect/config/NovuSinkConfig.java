package com.gopherpay.novu.connect.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

/** The connector's settings. Its {@link #CONFIG_DEF} is the manual: docs/novu-sink-connector-config.md is generated from it. */
public final class NovuSinkConfig extends AbstractConfig {

    public static final String NOVU_API_URL = "novu.api.url";
    public static final String NOVU_API_KEY = "novu.api.key";
    public static final String ALLOW_INSECURE_HTTP = "novu.api.allow.insecure.http";
    public static final String HTTP_RESPONSE_MAX_BYTES = "http.response.max.bytes";
    public static final String NOVU_WORKFLOW_ID = "novu.workflow.id";
    public static final String TRANSACTION_ID_HEADER = "novu.transaction.id.header";
    public static final String BATCH_MAX_SIZE = "batch.max.size";
    public static final String MAX_RETRIES = "max.retries";
    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "retry.backoff.max.ms";
    public static final String RETRY_MAX_DURATION_MS = "novu.retry.max.duration.ms";
    public static final String RETRY_AFTER_MAX_MS = "novu.retry.after.max.ms";
    public static final String HTTP_TIMEOUT_MS = "http.timeout.ms";
    public static final String PUT_TIMEOUT_MS = "put.timeout.ms";
    public static final String BEHAVIOR_ON_CLIENT_ERROR = "behavior.on.client.error";

    /** Novu's limit for one bulk trigger request. */
    public static final int MAX_BULK_EVENTS = 100;

    private static final String CONNECTION_GROUP = "Novu connection";
    private static final String RECORD_GROUP = "Records";
    private static final String DELIVERY_GROUP = "Delivery and retries";
    private static final String ERRORS_GROUP = "Errors";

    public static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(
                    NOVU_API_URL,
                    Type.STRING,
                    "https://api.novu.co",
                    new HttpUrl(),
                    Importance.HIGH,
                    "Base URL of the Novu API, with or without a trailing /v1 (e.g. https://eu.api.novu.co for the EU"
                            + " region, or a self-hosted or Novu-compatible server). A path is kept, e.g."
                            + " https://gateway.example/novu sends to https://gateway.example/novu/v1/events/trigger."
                            + " Every request carries the API key, so the URL must use https unless its host resolves"
                            + " to loopback addresses only (or "
                            + ALLOW_INSECURE_HTTP
                            + " is true), must not contain credentials (user:password@), and must not resolve to a"
                            + " link-local or cloud metadata address (169.254.0.0/16, fe80::/10, fd00:ec2::254)."
                            + " Checked at validation and again before every request.",
                    CONNECTION_GROUP,
                    1,
                    Width.LONG,
                    "Novu API URL")
            .define(
                    NOVU_API_KEY,
                    Type.PASSWORD,
                    ConfigDef.NO_DEFAULT_VALUE,
                    new NonBlankPassword(),
                    Importance.HIGH,
                    "Novu secret API key, sent as 'Authorization: ApiKey <key>'. It selects the Novu environment."
                            + " Never logged or returned by the Connect REST API.",
                    CONNECTION_GROUP,
                    2,
                    Width.LONG,
                    "Novu API key")
            .define(
                    ALLOW_INSECURE_HTTP,
                    Type.BOOLEAN,
                    false,
                    Importance.LOW,
                    "Allow a plain http:// "
                            + NOVU_API_URL
                            + " whose host is not this machine. The API key then crosses the network unencrypted:"
                            + " only for a private network you trust, e.g. a sidecar proxy that adds TLS.",
                    CONNECTION_GROUP,
                    3,
                    Width.SHORT,
                    "Allow insecure HTTP")
            .define(
                    HTTP_TIMEOUT_MS,
                    Type.LONG,
                    30_000L,
                    ConfigDef.Range.between(1, Integer.MAX_VALUE),
                    Importance.LOW,
                    "Connect and request timeout for one HTTP call to Novu, in milliseconds. A timeout is retried"
                            + " like any transient failure.",
                    CONNECTION_GROUP,
                    4,
                    Width.SHORT,
                    "HTTP timeout (ms)")
            .define(
                    HTTP_RESPONSE_MAX_BYTES,
                    Type.INT,
                    64 * 1024,
                    ConfigDef.Range.between(1024, 16 * 1024 * 1024),
                    Importance.LOW,
                    "Largest response body read from Novu, in bytes. A longer answer (by Content-Length or as it"
                            + " arrives) is not read further and counts as a failed request, retried like an IO error:"
                            + " a misbehaving server cannot fill the worker's memory. Novu answers with a few hundred"
                            + " bytes per trigger, so the default leaves room for a bulk of 100.",
                    CONNECTION_GROUP,
                    5,
                    Width.SHORT,
                    "Max response size (bytes)")
            .define(
                    NOVU_WORKFLOW_ID,
                    Type.STRING,
                    null,
                    new OptionalNonBlank(),
                    Importance.MEDIUM,
                    "Workflow trigger identifier used as 'name' for records whose value has none. Records without a"
                            + " name and without this setting are malformed.",
                    RECORD_GROUP,
                    1,
                    Width.MEDIUM,
                    "Default workflow id")
            .define(
                    TRANSACTION_ID_HEADER,
                    Type.STRING,
                    "event-id",
                    new ConfigDef.NonEmptyString(),
                    Importance.LOW,
                    "Record header whose value becomes the trigger's transactionId when the value has none. Without"
                            + " that header the transactionId is '<topic>-<partition>-<offset>'. Either way a"
                            + " redelivered record keeps its transactionId, which is also the Idempotency-Key.",
                    RECORD_GROUP,
                    2,
                    Width.MEDIUM,
                    "Transaction id header")
            .define(
                    BATCH_MAX_SIZE,
                    Type.INT,
                    1,
                    ConfigDef.Range.between(1, MAX_BULK_EVENTS),
                    Importance.MEDIUM,
                    "Records per request. 1 sends POST /v1/events/trigger per record; 2 to 100 groups records into"
                            + " POST /v1/events/trigger/bulk (one rate-limit cost of 100 tokens per request, results"
                            + " read per event).",
                    DELIVERY_GROUP,
                    1,
                    Width.SHORT,
                    "Batch size")
            .define(
                    RETRY_MAX_DURATION_MS,
                    Type.LONG,
                    180_000L,
                    ConfigDef.Range.between(1, Integer.MAX_VALUE),
                    Importance.MEDIUM,
                    "Retry time budget in milliseconds: how long the task keeps retrying while Novu fails"
                            + " transiently (IO error, timeout, 408, 409, 429, 5xx), across put() calls, before it"
                            + " hands the batch back to Connect with an error. The default rides out an outage of"
                            + " about 3 minutes. The outage is logged once at WARN when it begins and once at INFO"
                            + " when Novu answers again, with the number of failed attempts; no attempt is logged with"
                            + " a stack trace. Records are never dropped: after the budget Connect redelivers them.",
                    DELIVERY_GROUP,
                    2,
                    Width.SHORT,
                    "Retry time budget (ms)")
            .define(
                    MAX_RETRIES,
                    Type.INT,
                    -1,
                    ConfigDef.Range.atLeast(-1),
                    Importance.LOW,
                    "Deprecated: the retry budget is a time budget, "
                            + RETRY_MAX_DURATION_MS
                            + ". -1 (the default) sets no count limit; 0 or more also stops retrying one request after"
                            + " that many retries (the count budget it had before), handing the batch back to Connect for"
                            + " redelivery.",
                    DELIVERY_GROUP,
                    3,
                    Width.SHORT,
                    "Max retries (deprecated)")
            .define(
                    RETRY_BACKOFF_MS,
                    Type.LONG,
                    1_000L,
                    ConfigDef.Range.between(1, Integer.MAX_VALUE),
                    Importance.LOW,
                    "Initial retry delay in milliseconds; doubles per failed attempt of an outage, with jitter, up"
                            + " to "
                            + RETRY_BACKOFF_MAX_MS
                            + ". A Retry-After from Novu replaces it.",
                    DELIVERY_GROUP,
                    4,
                    Width.SHORT,
                    "Retry backoff (ms)")
            .define(
                    RETRY_BACKOFF_MAX_MS,
                    Type.LONG,
                    2_000L,
                    ConfigDef.Range.between(1, Integer.MAX_VALUE),
                    Importance.LOW,
                    "Upper bound of one retry delay without Retry-After, in milliseconds: the task tries again at"
                            + " most this long after Novu is back. Also how long Connect waits before redelivering a"
                            + " batch whose retry budget ran out. Must be at least "
                            + RETRY_BACKOFF_MS
                            + ".",
                    DELIVERY_GROUP,
                    5,
                    Width.SHORT,
                    "Max retry backoff (ms)")
            .define(
                    RETRY_AFTER_MAX_MS,
                    Type.LONG,
                    60_000L,
                    ConfigDef.Range.between(0, Integer.MAX_VALUE),
                    Importance.LOW,
                    "Upper bound in milliseconds of a Retry-After Novu sends with 429 or 503 (delta-seconds or an"
                            + " HTTP-date). Below it the task waits exactly as long as Novu asked, no jitter added.",
                    DELIVERY_GROUP,
                    6,
                    Width.SHORT,
                    "Max Retry-After (ms)")
            .define(
                    PUT_TIMEOUT_MS,
                    Type.LONG,
                    120_000L,
                    ConfigDef.Range.between(1, Integer.MAX_VALUE),
                    Importance.MEDIUM,
                    "Time budget in milliseconds for handling one batch Connect hands to the task (one put() call)."
                            + " Once it is used up, no new request or retry delay is started: the task hands the"
                            + " batch back to Connect, which redelivers it minus the records already acknowledged."
                            + " A request already in flight may take up to "
                            + HTTP_TIMEOUT_MS
                            + " longer, so keep the sum well below the consumer's max.poll.interval.ms (default"
                            + " 300000); otherwise a slow Novu makes the consumer leave its group, causing a"
                            + " rebalance and resent triggers. A retry wait cut short by it is finished at the start of"
                            + " the next put(), without an error: the task asks Connect to redeliver from the first"
                            + " record not yet acknowledged.",
                    DELIVERY_GROUP,
                    7,
                    Width.SHORT,
                    "Put time budget (ms)")
            .define(
                    BEHAVIOR_ON_CLIENT_ERROR,
                    Type.STRING,
                    "fail",
                    ConfigDef.CaseInsensitiveValidString.in(ClientErrorBehavior.names()),
                    Importance.MEDIUM,
                    "What to do with a record Novu rejects permanently (400, 413, 422, a bulk element with status"
                            + " error, or a malformed record) when Connect provides no errant record reporter: 'fail'"
                            + " stops the task naming the record, 'log' logs it and continues. When the connector sets"
                            + " errors.deadletterqueue.topic.name (or errors.log.enable), the record goes to the"
                            + " reporter instead, with novu.error.status, novu.error.class and novu.error.reason headers"
                            + " (never Novu's body or a payload value), and errors.tolerance"
                            + " decides whether the task continues. 401 and 403 always fail the task.",
                    ERRORS_GROUP,
                    1,
                    Width.SHORT,
                    "Behavior on client error");

    public NovuSinkConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    /**
     * Parses and cross-checks the settings, resolving the URL's host with the JDK; throws {@link ConfigException}
     * naming the offending key.
     */
    public static NovuSinkConfig validated(Map<String, String> props) {
        return validated(props, NovuUrlPolicy.HostResolver.SYSTEM);
    }

    /**
     * Parses and cross-checks the settings; throws {@link ConfigException} naming the offending key but never quoting
     * its value: a config provider may have put a secret there, and the message reaches logs and the REST API.
     */
    static NovuSinkConfig validated(Map<String, String> props, NovuUrlPolicy.HostResolver resolver) {
        for (ConfigValue value : CONFIG_DEF.validate(props)) {
            if (!value.errorMessages().isEmpty()) {
                throw new ConfigException(ValidationMessages.withoutValue(
                        value.name(),
                        props.get(value.name()),
                        value.errorMessages().get(0)));
            }
        }
        NovuSinkConfig config = new NovuSinkConfig(props);
        config.crossFieldProblems(resolver).entrySet().stream().findFirst().ifPresent(problem -> {
            throw new ConfigException(ValidationMessages.invalid(problem.getKey(), problem.getValue()));
        });
        return config;
    }

    /**
     * Problems that involve more than one key or the network, by the key to blame, worded without the value. Empty
     * when the settings are consistent.
     */
    public Map<String, String> crossFieldProblems(NovuUrlPolicy.HostResolver resolver) {
        Map<String, String> problems = new LinkedHashMap<>();
        urlPolicy(resolver).problem(apiUrl()).ifPresent(problem -> problems.put(NOVU_API_URL, problem));
        if (retryBackoffMax().compareTo(retryBackoff()) < 0) {
            problems.put(
                    RETRY_BACKOFF_MAX_MS,
                    "must be at least " + RETRY_BACKOFF_MS + " ("
                            + retryBackoff().toMillis() + ")");
        }
        return problems;
    }

    /** The rules for {@link #apiUrl()}, for checking it again before each request. */
    public NovuUrlPolicy urlPolicy(NovuUrlPolicy.HostResolver resolver) {
        return new NovuUrlPolicy(allowInsecureHttp(), resolver);
    }

    /** Base URL without a trailing slash or /v1. */
    public URI apiUrl() {
        String url = getString(NOVU_API_URL).trim();
        url = url.replaceAll("/+$", "");
        if (url.endsWith("/v1")) {
            url = url.substring(0, url.length() - "/v1".length());
        }
        return URI.create(url);
    }

    public Password apiKey() {
        return getPassword(NOVU_API_KEY);
    }

    public String defaultWorkflowId() {
        String workflowId = getString(NOVU_WORKFLOW_ID);
        return workflowId == null ? null : workflowId.trim();
    }

    public String transactionIdHeader() {
        return getString(TRANSACTION_ID_HEADER);
    }

    public int batchMaxSize() {
        return getInt(BATCH_MAX_SIZE);
    }

    public int maxRetries() {
        return getInt(MAX_RETRIES);
    }

    public Duration retryBackoff() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MS));
    }

    public Duration retryBackoffMax() {
        return Duration.ofMillis(getLong(RETRY_BACKOFF_MAX_MS));
    }

    public Duration retryMaxDuration() {
        return Duration.ofMillis(getLong(RETRY_MAX_DURATION_MS));
    }

    public Duration retryAfterMax() {
        return Duration.ofMillis(getLong(RETRY_AFTER_MAX_MS));
    }

    public Duration putTimeout() {
        return Duration.ofMillis(getLong(PUT_TIMEOUT_MS));
    }

    public boolean allowInsecureHttp() {
        return getBoolean(ALLOW_INSECURE_HTTP);
    }

    public int httpResponseMaxBytes() {
        return getInt(HTTP_RESPONSE_MAX_BYTES);
    }

    public Duration httpTimeout() {
        return Duration.ofMillis(getLong(HTTP_TIMEOUT_MS));
    }

    public ClientErrorBehavior behaviorOnClientError() {
        return ClientErrorBehavior.parse(getString(BEHAVIOR_ON_CLIENT_ERROR));
    }

    /**
     * An absolute http(s) URL with a host and no credentials; the checks that need DNS or other keys are in
     * {@link NovuUrlPolicy}. Never echoes the value.
     */
    static final class HttpUrl implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value == null || value.toString().isBlank()) {
                throw new ConfigException(ValidationMessages.invalid(name, "must be an http or https URL"));
            }
            try {
                URI uri = new URI(value.toString().trim());
                boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                if (uri.getRawUserInfo() != null) {
                    throw new ConfigException(ValidationMessages.invalid(
                            name,
                            "must not contain credentials (user:password@); the API key goes in " + NOVU_API_KEY));
                }
                if (!http || uri.getHost() == null) {
                    throw new ConfigException(
                            ValidationMessages.invalid(name, "must be an http or https URL with a host"));
                }
                if (uri.getQuery() != null || uri.getFragment() != null) {
                    throw new ConfigException(ValidationMessages.invalid(name, "must not have a query or fragment"));
                }
            } catch (URISyntaxException e) {
                // The reason and position only: URISyntaxException's message quotes the input.
                throw new ConfigException(ValidationMessages.invalid(
                        name, "is not a valid URL (" + e.getReason() + " at index " + e.getIndex() + ")"));
            }
        }

        @Override
        public String toString() {
            return "https URL (http only to loopback or when allowed), without credentials";
        }
    }

    /** A password that is set and not blank; never echoes the value. */
    static final class NonBlankPassword implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (!(value instanceof Password password)
                    || password.value() == null
                    || password.value().isBlank()) {
                throw new ConfigException(ValidationMessages.invalid(name, "must be set to a Novu secret API key"));
            }
            // It travels in an HTTP header: anything else would make every request impossible to build.
            if (password.value().chars().anyMatch(c -> c < 0x21 || c > 0x7E)) {
                throw new ConfigException(ValidationMessages.invalid(
                        name, "must consist of visible ASCII characters (no whitespace or control characters)"));
            }
        }

        @Override
        public String toString() {
            return "non-blank secret";
        }
    }

    /** Unset, or a non-blank string. */
    static final class OptionalNonBlank implements ConfigDef.Validator {
        @Override
        public void ensureValid(String name, Object value) {
            if (value != null && value.toString().isBlank()) {
                throw new ConfigException(
                        ValidationMessages.invalid(name, "must not be blank; leave it unset for no default workflow"));
            }
        }

        @Override
        public String toString() {
            return "unset or non-blank";
        }
    }
}
