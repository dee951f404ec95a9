package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.gopherpay.localstack.FailoverRegistrations.Outcome;
import com.gopherpay.localstack.FailoverRegistrations.Result;
import com.gopherpay.localstack.MailboxApi.Arrival;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Faults of the services on the cluster topology ({@code java -jar local-stack.jar --cluster}, launched once for the
 * class): an identity-service instance SIGKILLed in the middle of a burst of registrations, a notification-service
 * instance SIGKILLed while mail is queued, and the Novu API (the notification balancer, behind a fault-injecting
 * proxy of the test's) answering 503 and then 429. Each registered address must get exactly one email. Each scenario
 * writes its record (addresses, lost, duplicated, latency from the 201 to the mailbox, recovery) to {@code
 * target/resilience/<scenario>.txt}; see docs/resilience.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// Ten JVMs on the machine at once, like LocalStackClusterIT: on only with -Dgopherpay.cluster-tests=true.
@EnabledIfSystemProperty(named = "gopherpay.cluster-tests", matches = "true")
class ClusterServiceFaultsIT {

    private static final String CONNECTOR = "email-verification-novu-sink";
    /** Registrations in flight at once: enough to keep both instances hashing, not enough to exhaust their slots. */
    private static final int CONCURRENCY = 3;
    /** How long an address is watched for a second (duplicate) email once every address has its first. */
    private static final Duration NO_DUPLICATE = Duration.ofSeconds(10);
    /** How long a restarted service instance may take to answer /readyz beside the rest of the cluster. */
    private static final Duration RESTART = Duration.ofMinutes(4);
    /**
     * notification-service's {@code notification.delivery.lease} (the shipped default): messages claimed by an
     * instance that dies are due again after it.
     */
    private static final Duration DELIVERY_LEASE = Duration.ofMinutes(2);
    /** notification-service's {@code notification.delivery.threads} (the shipped default). */
    private static final int DELIVERY_THREADS = 2;
    /** Triggers sent straight to the Novu API to make mail queue in notification-service. */
    private static final int QUEUED_TRIGGERS = 1000;
    /**
     * How soon after the Novu API answers again the connector must be sending: its backoff cap (retry.backoff.max.ms,
     * 2 s) or the Retry-After (2 s), plus the time a loaded machine takes to schedule the task thread.
     */
    private static final Duration RESUME_BOUND = Duration.ofSeconds(10);

    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private static LaunchedStack stack;
    private static MailboxApi mailbox;
    /** Service instances the test started again in place of killed ones: the test's own processes to stop. */
    private static final List<Process> restarted = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        // One client address (loopback) sends every registration; the per-client limits are not what is tested.
        stack = LaunchedStack.launch(
                Map.of(
                        "IDENTITY_RATELIMIT_REQUESTS", "100000",
                        "IDENTITY_RATELIMIT_GLOBALREGISTRATIONS", "100000"),
                "--fresh",
                "--cluster");
        mailbox = new MailboxApi(stack);
        stack.awaitReady(Duration.ofMinutes(5));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (Process process : restarted) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (stack == null) {
            return;
        }
        stack.stopAndCheckNothingIsLeft();
    }

    /**
     * A burst of registrations through the identity balancer; a third of the way in, one identity instance is
     * SIGKILLed. Requests that were on it fail without an answer and are sent again (see {@link FailoverRegistrations});
     * every registration must end in an account with exactly one email, and no live instance may answer 5xx. Then
     * the instance is started again with its own command line and environment and must serve registrations again.
     */
    @Test
    @Order(1)
    void anIdentityInstanceKilledMidBurstCostsNoEmailAndNoServerError() throws Exception {
        URI victim = stack.bannerUrls("Identity instances").get(0);
        ProcessHandle victimJvm = stack.childWithArgument("--server.port=" + victim.getPort());
        ProcessCommand command = ProcessCommand.of(victimJvm);

        FailoverRegistrations burst =
                FailoverRegistrations.start(http, stack.url("IDENTITY_PORT", "/"), "idkill", 150, CONCURRENCY);
        await("a third of the burst answered")
                .atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> burst.answered() >= 50);
        int answeredAtKill = burst.answered();
        Instant killedAt = Instant.now();
        kill(victimJvm);
        List<Result> results = burst.awaitAll(Duration.ofMinutes(5));

        Instant restartedAt = Instant.now();
        restarted.add(command.start(
                restartEnvironment(), stack.dataDirectory().resolve("logs/identity-service-1-restarted.log")));
        awaitReady(victim, restarted.get(restarted.size() - 1));
        Duration readyAfterRestart = Duration.between(restartedAt, Instant.now());
        List<Result> onRestarted = FailoverRegistrations.start(http, victim, "idkill-restarted", 3, 1)
                .awaitAll(Duration.ofMinutes(2));

        Map<String, Instant> owed = new LinkedHashMap<>();
        for (Result result : concat(results, onRestarted)) {
            if (result.outcome().accountExists()) {
                // A 409 on a retry answers for an attempt that committed earlier: its email may precede the answer.
                owed.put(result.email(), result.outcome() == Outcome.TAKEN_ON_RETRY ? null : result.answeredAt());
            }
        }
        DeliveryRecord record = new DeliveryRecord(
                        "identity-instance-killed", owed, awaitOneEmailEach(owed.keySet(), MailboxApi.MAIL))
                .with("registrations", results.size())
                .with("killedAfterAnswers", answeredAtKill)
                .with("outcomes", outcomes(results))
                .with(
                        "connectionFailures",
                        results.stream().mapToInt(Result::connectionFailures).sum())
                .with("lastConnectionFailureAfterKill", lastConnectionFailure(results, killedAt))
                .with("restartedReadyAfter", DeliveryRecord.seconds(readyAfterRestart))
                .with("onRestartedInstance", outcomes(onRestarted));
        record.write(resultsDirectory());

        assertThat(results)
                .as("no 5xx from a live instance, no refusal, every registration answered: %s", outcomes(results))
                .allMatch(result -> result.outcome().accountExists());
        assertThat(onRestarted).as("the restarted instance serves").allMatch(r -> r.outcome() == Outcome.CREATED);
        assertThat(record.lost()).as("addresses without an email").isEmpty();
        assertThat(record.duplicated()).as("addresses with more than one email").isEmpty();
    }

    /**
     * Mail queued in notification-service (a burst of triggers sent straight to the Novu API, as the connector sends
     * them, on top of a burst of registrations), then one notification instance SIGKILLed while both deliver and
     * started again with its own command line and environment. The queue is in PostgreSQL: the survivor goes on with
     * it, and what the killed instance had claimed is due again when its lease ends. Every address must get exactly
     * one email.
     */
    @Test
    @Order(2)
    void aNotificationInstanceKilledWithMailQueuedLosesNoneOfIt() throws Exception {
        URI victim = stack.bannerUrls("Notification inst.").get(0);
        ProcessHandle victimJvm = stack.childWithArgument("--server.port=" + victim.getPort());
        ProcessCommand command = ProcessCommand.of(victimJvm);
        String apiKey = Files.readString(stack.dataDirectory().resolve("notification-api-key"))
                .strip();

        FailoverRegistrations burst =
                FailoverRegistrations.start(http, stack.url("IDENTITY_PORT", "/"), "notifkill", 60, CONCURRENCY);
        Map<String, Instant> queued = queueTriggers(apiKey, QUEUED_TRIGGERS);
        Map<String, List<Arrival>> arrivedBeforeKill = mailbox.messagesByAddress();
        Instant killedAt = Instant.now();
        kill(victimJvm);
        Instant dead = Instant.now();
        long undeliveredAtKill = queued.keySet().stream()
                .filter(email -> !arrivedBeforeKill.containsKey(email.toLowerCase(Locale.ROOT)))
                .count();

        Instant restartedAt = Instant.now();
        restarted.add(command.start(
                restartEnvironment(), stack.dataDirectory().resolve("logs/notification-service-1-restarted.log")));
        awaitReady(victim, restarted.get(restarted.size() - 1));
        Duration readyAfterRestart = Duration.between(restartedAt, Instant.now());
        List<Result> results = burst.awaitAll(Duration.ofMinutes(5));

        Map<String, Instant> owed = new LinkedHashMap<>(queued);
        results.stream()
                .filter(result -> result.outcome().accountExists())
                .forEach(result -> owed.put(result.email(), result.answeredAt()));
        Map<String, List<Arrival>> arrivals = awaitOneEmailEach(owed.keySet(), DELIVERY_LEASE.plus(MailboxApi.MAIL));
        DeliveryRecord record = new DeliveryRecord("notification-instance-killed", owed, arrivals)
                .with("registrations", results.size())
                .with("outcomes", outcomes(results))
                .with("queuedTriggers", queued.size())
                .with("queuedTriggersUndeliveredAtKill", undeliveredAtKill)
                .with("restartedReadyAfter", DeliveryRecord.seconds(readyAfterRestart))
                .with("lastFirstEmailAfterKill", lastFirstArrival(owed.keySet(), arrivals, killedAt));
        record.write(resultsDirectory());

        assertThat(results).as("registrations").allMatch(result -> result.outcome() == Outcome.CREATED);
        assertThat(record.lost()).as("addresses without an email").isEmpty();
        assertThat(record.distinctMessages())
                .as("addresses that got two different messages (a trigger accepted twice)")
                .isEmpty();
        // The one window SMTP leaves (notification-service README): the killed instance may have been handing a
        // message over on each delivery thread when it died, accepted by the server but not yet recorded; such a
        // message is sent again, with the same Message-ID, once its lease ends. Any other duplicate fails.
        Map<String, List<Arrival>> inDoubtAtKill = new LinkedHashMap<>();
        record.resent().forEach((email, copies) -> {
            if (copies.size() == 2
                    && !copies.get(0).at().isAfter(dead)
                    && copies.get(1).at().isAfter(dead)) {
                inDoubtAtKill.put(email, copies);
            }
        });
        assertThat(record.duplicated().keySet())
                .as("addresses with more than one email (the kill was at %s): %s", killedAt, record.duplicated())
                .isSubsetOf(inDoubtAtKill.keySet());
        assertThat(inDoubtAtKill)
                .as("messages in doubt at the kill: at most one per delivery thread of the killed instance")
                .hasSizeLessThanOrEqualTo(DELIVERY_THREADS);
    }

    /**
     * Sends {@code count} email-verification triggers to the notification balancer in bulks of 100, all bulks at once,
     * and returns each address with the time its bulk was accepted (201).
     */
    private static Map<String, Instant> queueTriggers(String apiKey, int count) throws Exception {
        List<CompletableFuture<Map<String, Instant>>> bulks = new ArrayList<>();
        for (int sent = 0; sent < count; sent += 100) {
            List<String> addresses = new ArrayList<>();
            ObjectNode body = json.createObjectNode();
            var events = body.putArray("events");
            for (int i = sent; i < Math.min(count, sent + 100); i++) {
                String id = "queued-" + UUID.randomUUID();
                String email = id + "@example.com";
                addresses.add(email);
                ObjectNode event =
                        events.addObject().put("name", "email-verification").put("transactionId", id);
                event.putObject("to").put("subscriberId", id).put("email", email);
                event.putObject("payload")
                        .put("verificationLink", "http://127.0.0.1/verify-email?token=" + id)
                        .put(
                                "expiresAt",
                                Instant.now().plus(Duration.ofHours(1)).toString());
            }
            HttpRequest request = HttpRequest.newBuilder(stack.url("NOTIFICATION_PORT", "/v1/events/trigger/bulk"))
                    .header("Content-Type", "application/json")
                    .header("Authorization", "ApiKey " + apiKey)
                    .timeout(Duration.ofSeconds(60))
                    .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                    .build();
            bulks.add(http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> {
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                        Instant accepted = Instant.now();
                        Map<String, Instant> acceptedAt = new LinkedHashMap<>();
                        addresses.forEach(address -> acceptedAt.put(address, accepted));
                        return acceptedAt;
                    }));
        }
        Map<String, Instant> all = new LinkedHashMap<>();
        for (var bulk : bulks) {
            all.putAll(bulk.get(2, TimeUnit.MINUTES));
        }
        return all;
    }

    /** How long after {@code since} the last of the addresses got its first email. */
    private static String lastFirstArrival(
            Collection<String> addresses, Map<String, List<Arrival>> arrivals, Instant since) {
        return addresses.stream()
                .map(email -> arrivals.getOrDefault(email.toLowerCase(Locale.ROOT), List.of()).stream()
                        .map(Arrival::at)
                        .min(Instant::compareTo))
                .flatMap(Optional::stream)
                .max(Instant::compareTo)
                .map(last -> DeliveryRecord.seconds(Duration.between(since, last)))
                .orElse("none");
    }

    /**
     * The connector is pointed (through Connect's REST API, every other setting kept) at a proxy of the test's in front
     * of the notification balancer; the proxy answers 503 for 25 s, then 429 with {@code Retry-After: 2} for 15 s,
     * then forwards again. Registrations made during the outage must each get exactly one email once it is over; the
     * connector must be sending again within a few seconds of the proxy forwarding (its backoff is capped at
     * {@code retry.backoff.max.ms}, 2 s, and the Retry-After is 2 s); and each task logs the outage once at WARN,
     * with no stack trace and no ERROR.
     */
    @Test
    @Order(3)
    void theNovuApiAnswering503Then429DelaysMailButLosesAndDuplicatesNone() throws Exception {
        URI worker = stack.bannerUrls("Kafka Connect").get(0);
        ObjectNode original = connectorConfig(worker);
        try (NovuFaultProxy proxy = NovuFaultProxy.start(stack.url("NOTIFICATION_PORT", "/"))) {
            ObjectNode viaProxy =
                    original.deepCopy().put("novu.api.url", proxy.url().toString());
            putConnectorConfig(worker, viaProxy);
            awaitTasksCalling(worker, proxy.url().toString());
            List<Result> before = FailoverRegistrations.start(
                            http, stack.url("IDENTITY_PORT", "/"), "novu-before", 1, 1)
                    .awaitAll(Duration.ofMinutes(2));
            awaitOneEmailEach(List.of(before.get(0).email()), MailboxApi.MAIL);
            assertThat(proxy.forwarded())
                    .as("requests through the proxy before the outage")
                    .isPositive();

            LocalTime logsFrom = LocalTime.now().minusSeconds(1);
            proxy.outage(Duration.ofSeconds(25), Duration.ofSeconds(15), Duration.ofSeconds(2));
            List<Result> results = FailoverRegistrations.start(
                            http, stack.url("IDENTITY_PORT", "/"), "novu-outage", 60, CONCURRENCY)
                    .awaitAll(Duration.ofMinutes(3));
            await("the proxy forwarding again")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> proxy.forwardingAgain() != null);

            Map<String, Instant> owed = new LinkedHashMap<>();
            results.stream()
                    .filter(result -> result.outcome().accountExists())
                    .forEach(result -> owed.put(result.email(), result.answeredAt()));
            Map<String, List<Arrival>> arrivals = awaitOneEmailEach(owed.keySet(), MailboxApi.MAIL);
            Duration resumed = proxy.firstForwardedAfterOutage() == null
                    ? null
                    : Duration.between(proxy.forwardingAgain(), proxy.firstForwardedAfterOutage());
            WorkerLogs logs = WorkerLogs.read(
                    List.of(
                            stack.dataDirectory().resolve("logs/connect-1.log"),
                            stack.dataDirectory().resolve("logs/connect-2.log")),
                    logsFrom);
            DeliveryRecord record = new DeliveryRecord("novu-api-503-then-429", owed, arrivals)
                    .with("registrations", results.size())
                    .with("outcomes", outcomes(results))
                    .with("outage", "503x25s+429x15s(Retry-After:2)")
                    .with("answered503", proxy.unavailable())
                    .with("answered429", proxy.throttled())
                    .with("resumedAfterForwarding", resumed == null ? "never" : DeliveryRecord.seconds(resumed))
                    .with(
                            "outageWarnings",
                            logs.outageWarningsByThread().values().stream()
                                    .mapToLong(Long::longValue)
                                    .sum())
                    .with("errorLines", logs.errors().size())
                    .with("stackTraceLines", logs.stackTraceLines());
            record.write(resultsDirectory());

            assertThat(results).as("registrations").allMatch(result -> result.outcome() == Outcome.CREATED);
            assertThat(record.lost()).as("addresses without an email").isEmpty();
            assertThat(record.duplicated())
                    .as("addresses with more than one email")
                    .isEmpty();
            assertThat(proxy.unavailable()).as("requests answered 503").isPositive();
            assertThat(proxy.throttled()).as("requests answered 429").isPositive();
            assertThat(resumed)
                    .as("from the proxy forwarding again to the connector's first request through it")
                    .isNotNull()
                    .isLessThanOrEqualTo(RESUME_BOUND);
            assertThat(logs.outageWarningsByThread())
                    .as("a WARN per task for the outage")
                    .isNotEmpty()
                    .allSatisfy((thread, warnings) ->
                            assertThat(warnings).as(thread).isEqualTo(1));
            assertThat(logs.errors())
                    .as("ERROR lines of the Connect workers during the outage")
                    .isEmpty();
            assertThat(logs.stackTraceLines()).as("stack trace lines").isZero();
        } finally {
            putConnectorConfig(worker, original);
            awaitTasksCalling(worker, original.path("novu.api.url").asText());
        }
    }

    private static ObjectNode connectorConfig(URI worker) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(worker.resolve("/connectors/" + CONNECTOR + "/config"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return (ObjectNode) json.readTree(response.body());
    }

    private static void putConnectorConfig(URI worker, ObjectNode config) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(worker.resolve("/connectors/" + CONNECTOR + "/config"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(config)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    /** Waits until every task of the connector runs with {@code novu.api.url} set to {@code url}. */
    private static void awaitTasksCalling(URI worker, String url) {
        await("every task of the connector calling " + url)
                .atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    JsonNode tasks = json.readTree(get(worker.resolve("/connectors/" + CONNECTOR + "/tasks")));
                    JsonNode status = json.readTree(get(worker.resolve("/connectors/" + CONNECTOR + "/status")))
                            .path("tasks");
                    if (tasks.size() != 3 || status.size() != 3) {
                        return false;
                    }
                    for (JsonNode task : tasks) {
                        if (!url.equals(task.path("config").path("novu.api.url").asText())) {
                            return false;
                        }
                    }
                    for (JsonNode task : status) {
                        if (!"RUNNING".equals(task.path("state").asText())) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    private static String get(URI url) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(url)
                                .timeout(Duration.ofSeconds(10))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /** The SIGKILLed instance's last connection failure relative to the kill (how long clients saw it). */
    private static String lastConnectionFailure(List<Result> results, Instant killedAt) {
        return results.stream()
                .filter(result -> result.connectionFailures() > 0)
                .map(Result::answeredAt)
                .max(Instant::compareTo)
                .map(last -> DeliveryRecord.seconds(Duration.between(killedAt, last)))
                .orElse("none");
    }

    private static String outcomes(List<Result> results) {
        return results.stream()
                .collect(Collectors.groupingBy(
                        result -> result.outcome() + (result.status() == 0 ? "" : "/" + result.status()),
                        LinkedHashMap::new,
                        Collectors.counting()))
                .toString()
                .replace(" ", "");
    }

    private static void awaitReady(URI instance, Process process) {
        await("the restarted instance " + instance + " ready")
                .atMost(RESTART)
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("The restarted instance exited with " + process.exitValue());
                    }
                    HttpResponse<String> response = http.send(
                            HttpRequest.newBuilder(instance.resolve("/readyz"))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    return response.statusCode() == 200 && response.body().contains("UP");
                });
    }

    /**
     * Waits until each address has an email (or gives up after {@code within}: the record then names the lost ones),
     * then watches {@link #NO_DUPLICATE} that none gets a second; returns the mailbox's arrivals at the end.
     */
    private static Map<String, List<Arrival>> awaitOneEmailEach(Collection<String> addresses, Duration within)
            throws Exception {
        try {
            await("one email to each of " + addresses.size() + " addresses")
                    .atMost(within)
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> emailsPerAddress(addresses).values().stream().allMatch(count -> count >= 1));
            await("no second email to any of " + addresses.size() + " addresses")
                    .during(NO_DUPLICATE)
                    .atMost(NO_DUPLICATE.plusSeconds(20))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> emailsPerAddress(addresses).values().stream().allMatch(count -> count == 1));
        } catch (ConditionTimeoutException e) {
            // The record (lost, duplicated) says what went wrong, the assertions after it fail.
        }
        return mailbox.messagesByAddress();
    }

    private static Map<String, Integer> emailsPerAddress(Collection<String> addresses) throws Exception {
        Map<String, List<Arrival>> arrivals = mailbox.messagesByAddress();
        Map<String, Integer> counts = new HashMap<>();
        for (String address : addresses) {
            counts.put(
                    address,
                    arrivals.getOrDefault(address.toLowerCase(Locale.ROOT), List.of())
                            .size());
        }
        return counts;
    }

    /** SIGKILL: no shutdown hook, no clean close of connections; the kernel closes its sockets. */
    private static void kill(ProcessHandle jvm) throws Exception {
        jvm.destroyForcibly();
        assertThat(jvm.onExit().get(10, TimeUnit.SECONDS).isAlive()).isFalse();
    }

    /** What a killed instance had from the launcher: the launcher's environment and the database password's. */
    private static Map<String, String> restartEnvironment() {
        Map<String, String> environment = new HashMap<>(stack.ports);
        environment.put("SPRING_DATASOURCE_PASSWORD", "");
        return environment;
    }

    private static Path resultsDirectory() {
        return Path.of(System.getProperty("gopherpay.stack.dir")).getParent().resolve("resilience");
    }

    private static <T> List<T> concat(List<T> first, List<T> second) {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
