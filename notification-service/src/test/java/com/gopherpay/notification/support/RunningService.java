package com.gopherpay.notification.support;

import com.gopherpay.embedded.testing.TestDatabase;
import com.gopherpay.notification.NotificationServiceApplication;
import com.gopherpay.notification.shared.Sha256;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/** notification-service started for real (HTTP port, PostgreSQL, SMTP), configured the way the local stack does. */
public final class RunningService implements AutoCloseable {

    public static final String API_KEY = "nt-test-key-5f2c0d9e7a";

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final ConfigurableApplicationContext context;
    private final String baseUrl;
    private final String managementUrl;

    private RunningService(ConfigurableApplicationContext context) {
        this.context = context;
        this.baseUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
        this.managementUrl = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.management.port");
    }

    /** Starts with fast retries (so outage tests finish quickly); extra {@code --key=value} arguments override. */
    public static RunningService start(TestDatabase database, int smtpPort, String... extraArguments) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.address=127.0.0.1",
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.username(),
                "--spring.datasource.password=" + database.password(),
                "--spring.datasource.hikari.maximum-pool-size=4",
                "--spring.mail.host=127.0.0.1",
                "--spring.mail.port=" + smtpPort,
                "--spring.mail.properties.mail.smtp.connectiontimeout=2000",
                "--spring.mail.properties.mail.smtp.timeout=5000",
                "--notification.api-keys[0].environment-id=test",
                "--notification.api-keys[0].key-sha256=" + sha256(API_KEY),
                "--notification.delivery.poll-interval=200ms",
                "--notification.delivery.initial-backoff=100ms",
                "--notification.delivery.max-backoff=500ms"));
        // A repeated --key would be joined into "a,b" by Spring: an extra argument replaces the default instead.
        for (String extra : extraArguments) {
            String key = extra.substring(0, extra.indexOf('=') + 1);
            arguments.removeIf(argument -> argument.startsWith(key));
            arguments.add(extra);
        }
        ConfigurableApplicationContext context = new SpringApplicationBuilder(NotificationServiceApplication.class)
                .run(arguments.toArray(String[]::new));
        return new RunningService(context);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** The actuator's port (loopback), e.g. {@code http://127.0.0.1:41234}. */
    public String managementUrl() {
        return managementUrl;
    }

    public JdbcClient jdbc() {
        return context.getBean(JdbcClient.class);
    }

    public HttpResponse<String> post(String path, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "ApiKey " + API_KEY)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String pathAndQuery, String... headers) {
        return request("GET", pathAndQuery, null, headers);
    }

    /** Any method, authenticated with the test key; {@code headers} are name/value pairs that may override it. */
    public HttpResponse<String> request(String method, String pathAndQuery, String body, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "ApiKey " + API_KEY)
                .method(
                        method,
                        body == null
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        for (int i = 0; i < headers.length; i += 2) {
            request.setHeader(headers[i], headers[i + 1]);
        }
        return send(request.build());
    }

    /** The bean of this type in the running application (for tests that drive a component directly). */
    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    /** Status of the message for a transaction ({@code queued}, {@code sent}, {@code error}), or null if none. */
    public String messageStatus(String transactionId) {
        return jdbc().sql("SELECT status FROM messages WHERE transaction_id = :txn")
                .param("txn", transactionId)
                .query(String.class)
                .optional()
                .orElse(null);
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String sha256(String value) {
        return Sha256.hex(value);
    }

    @Override
    public void close() {
        context.close();
    }
}
