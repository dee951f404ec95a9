package com.gopherpay.localstack;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The dev mailbox's Mailpit-shaped JSON API, as a test reads it: the messages to one address, and waiting for one that
 * matches (an email travels outbox → Kafka → Connect → notification service → SMTP before it is there).
 */
final class MailboxApi {

    /** Longest an email may take through the whole pipeline on a busy machine. */
    static final Duration MAIL = Duration.ofSeconds(90);

    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    private final LaunchedStack stack;

    MailboxApi(LaunchedStack stack) {
        this.stack = stack;
    }

    /** The full messages (with {@code Text} and {@code HTML}) to {@code email}, newest first. */
    List<JsonNode> messagesTo(String email) throws IOException, InterruptedException {
        List<JsonNode> found = new ArrayList<>();
        JsonNode list = get("/api/v1/messages?limit=1000");
        for (JsonNode summary : list.path("messages")) {
            for (JsonNode to : summary.path("To")) {
                if (to.path("Address").asText().equalsIgnoreCase(email)) {
                    found.add(get("/api/v1/message/" + summary.path("ID").asText()));
                }
            }
        }
        return found;
    }

    /**
     * When each message arrived (the list's {@code Created}), per recipient address in lower case, from one read of the
     * whole list: for counting the emails of hundreds of addresses at once.
     */
    Map<String, List<Instant>> arrivalsByAddress() throws IOException, InterruptedException {
        Map<String, List<Instant>> arrivals = new HashMap<>();
        for (JsonNode summary : get("/api/v1/messages?limit=100000").path("messages")) {
            Instant created = Instant.parse(summary.path("Created").asText());
            for (JsonNode to : summary.path("To")) {
                arrivals.computeIfAbsent(to.path("Address").asText().toLowerCase(Locale.ROOT), a -> new ArrayList<>())
                        .add(created);
            }
        }
        return arrivals;
    }

    /** Waits for the newest message to {@code email} that {@code matches}, described by {@code what} on timeout. */
    JsonNode awaitMessageTo(String email, String what, Predicate<JsonNode> matches) {
        return await(what + " to " + email + " in the dev mailbox")
                .atMost(MAIL)
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> messagesTo(email).stream()
                                .filter(matches)
                                .findFirst()
                                .orElse(null),
                        found -> found != null);
    }

    /** Waits for an email to {@code email} whose plain-text part has a link to {@code page}, and returns the link. */
    URI awaitLink(String email, String page) {
        Pattern link = linkTo(page);
        JsonNode message = awaitMessageTo(
                email,
                "an email with a " + page + " link",
                found -> link.matcher(found.path("Text").asText()).find());
        Matcher matcher = link.matcher(message.path("Text").asText());
        matcher.find();
        return URI.create(matcher.group());
    }

    /** A link with a token to {@code page} (for example {@code /reset-password}); the token is group 1. */
    static Pattern linkTo(String page) {
        return Pattern.compile("http://[^\\s\"<>]+" + Pattern.quote(page) + "\\?token=([A-Za-z0-9_-]+)");
    }

    /** Whether the message (plain text or HTML) carries a link with a token to {@code page}. */
    static boolean hasLinkTo(JsonNode message, String page) {
        Pattern link = linkTo(page);
        return link.matcher(message.path("Text").asText()).find()
                || link.matcher(message.path("HTML").asText()).find();
    }

    /** One message in the dev mailbox: when it arrived (the mailbox's {@code Created}) and its Message-ID header. */
    record Arrival(Instant at, String messageId) {}

    /**
     * Every message in the mailbox by recipient address in lower case: one request for the whole mailbox, for tests
     * that follow hundreds of addresses at once.
     */
    Map<String, List<Arrival>> messagesByAddress() throws IOException, InterruptedException {
        Map<String, List<Arrival>> arrivals = new HashMap<>();
        for (JsonNode summary : get("/api/v1/messages?limit=1000000").path("messages")) {
            Arrival arrival = new Arrival(
                    Instant.parse(summary.path("Created").asText()),
                    summary.path("MessageID").asText());
            for (JsonNode to : summary.path("To")) {
                arrivals.computeIfAbsent(
                                to.path("Address").asText().toLowerCase(Locale.ROOT), address -> new ArrayList<>())
                        .add(arrival);
            }
        }
        return arrivals;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(stack.url("MAILBOX_PORT", path))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return json.readTree(response.body());
    }
}
