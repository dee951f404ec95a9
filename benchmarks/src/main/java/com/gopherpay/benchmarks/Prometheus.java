package com.gopherpay.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples from a service's {@code /actuator/prometheus} (on its loopback management port). */
final class Prometheus {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private final URI endpoint;

    Prometheus(URI managementUrl) {
        this.endpoint = managementUrl.resolve("/actuator/prometheus");
    }

    /** The sum of a counter's samples (over any labels), or empty when the endpoint does not have it. */
    OptionalDouble sum(String name) throws Exception {
        boolean found = false;
        double sum = 0;
        for (String line : scrape().split("\n")) {
            // name value [timestamp], or name{labels} value [timestamp]
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                String rest = line.startsWith(name + "{")
                        ? line.substring(line.lastIndexOf('}') + 1)
                        : line.substring(name.length());
                sum += Double.parseDouble(rest.trim().split("\\s+")[0]);
                found = true;
            }
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    /** The value of {@code label} on the first sample of {@code name}, such as the hash implementation in use. */
    Optional<String> label(String name, String label) throws Exception {
        Pattern pattern = Pattern.compile(Pattern.quote(label) + "=\"([^\"]*)\"");
        for (String line : scrape().split("\n")) {
            if (line.startsWith(name + "{")) {
                Matcher matcher = pattern.matcher(line.substring(0, line.lastIndexOf('}')));
                if (matcher.find()) {
                    return Optional.of(matcher.group(1));
                }
            }
        }
        return Optional.empty();
    }

    private String scrape() throws Exception {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + endpoint + ": HTTP " + response.statusCode());
        }
        return response.body();
    }
}
