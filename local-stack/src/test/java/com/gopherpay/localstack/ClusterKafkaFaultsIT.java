package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Kafka-side and SMTP faults on the cluster topology ({@code java -jar local-stack.jar --cluster --fault-injection}),
 * launched once for the class: two of the three KRaft nodes killed (SIGKILL) and started again, the leader of an
 * {@code email-verification} partition killed, the SMTP server down for 60 s. Each scenario registers a burst of
 * addresses during the fault and asserts that every one gets exactly one email and that identity-service answered
 * every registration with 201; what it measured goes to {@code target/resilience/<scenario>.txt} (see
 * docs/resilience.md). Killed nodes are started again by the test with their own command line, as a supervisor would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// A dozen JVMs at once: not for every ./mvnw verify on a busy 2-core machine (docs/resilience.md).
@EnabledIfSystemProperty(named = "gopherpay.cluster-tests", matches = "true")
class ClusterKafkaFaultsIT {

    private static final String TOPIC = "email-verification";
    /** Generous bound for a burst's emails after a fault ends: a bound on behaviour, not a timing assertion. */
    private static final Duration MAIL_AFTER_FAULT = Duration.ofMinutes(3);
    /** How long an address is watched for a second (duplicate) email once every address has its first. */
    private static final Duration NO_DUPLICATE = Duration.ofSeconds(8);
    /** How long two brokers stay down after the burst (every record must wait in the outbox meanwhile). */
    private static final Duration TWO_BROKERS_DOWN = Duration.ofSeconds(15);

    private static final Duration SMTP_DOWN = Duration.ofSeconds(60);
    private static final Pattern SMTP_OUTAGE_WARNING = Pattern.compile("WARN .*SMTP server \\S+ is unavailable");

    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static LaunchedStack stack;
    private static MailboxApi mailbox;
    private static Admin admin;
    private static Path dataDirectory;
    /** Nodes started again by this test (the launcher no longer owns them), by node id. */
    private static final Map<Integer, Process> restartedNodes = new ConcurrentHashMap<>();
    /** How many "running" lines each node's restart log had when it was last restarted. */
    private static final Map<Integer, Long> runningLinesBeforeRestart = new ConcurrentHashMap<>();
    /** Every address registered by this class, each of which must end with exactly one email. */
    private static final List<String> registered = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        // One client address (loopback) registers hundreds of accounts; the limits are not what is tested here.
        Map<String, String> environment = new java.util.HashMap<>(
                Map.of("IDENTITY_RATELIMIT_REQUESTS", "5000", "IDENTITY_RATELIMIT_GLOBALREGISTRATIONS", "5000"));
        // -Dgopherpay.resilience.data-dir keeps the stack's data and every part's log after the run (--fresh empties
        // the stack's own entries there first); by default a temporary directory is used and deleted.
        String keptData = System.getProperty("gopherpay.resilience.data-dir", "");
        if (!keptData.isBlank()) {
            environment.put(
                    "GOPHERPAY_DATA_DIR", Path.of(keptData).toAbsolutePath().toString());
        }
        stack = LaunchedStack.launch(environment, "--fresh", "--cluster", "--fault-injection");
        mailbox = new MailboxApi(stack);
        dataDirectory = Path.of(stack.ports.get("GOPHERPAY_DATA_DIR"));
        stack.awaitReady(Duration.ofMinutes(6));
        admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bannerLine("Kafka"),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
                5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                10_000));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
        }
        if (stack == null) {
            return;
        }
        try {
            stack.process.destroy(); // SIGTERM: the launcher stops the services and Connect, then its Kafka nodes
            // The restarted nodes stop with the launcher's own: a node left alone would wait for a quorum that is gone.
            await("the launcher down to its Kafka nodes and PostgreSQL")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> !stack.process.isAlive()
                            || stack.process.descendants().noneMatch(ClusterKafkaFaultsIT::isServiceOrConnect));
            restartedNodes.values().forEach(Process::destroy);
            assertThat(stack.stop()).as("exit code after SIGTERM").isIn(0, 143);
            for (Process node : restartedNodes.values()) {
                assertThat(node.waitFor(30, TimeUnit.SECONDS))
                        .as("a restarted Kafka node stops on SIGTERM")
                        .isTrue();
            }
            await("every process of the cluster gone")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(stack.survivors()).isEmpty());
        } finally {
            restartedNodes.values().forEach(Process::destroyForcibly);
            stack.close();
        }
    }

    @Test
    @Order(1)
    void everyAddressGetsExactlyOneEmailAfterTwoOfThreeBrokersAreKilledAndComeBack() throws Exception {
        awaitFullyReplicated();
        List<Integer> victims = List.of(2, 3);
        Map<Integer, List<String>> commands = new LinkedHashMap<>();
        for (int node : victims) {
            commands.put(node, nodeCommand(node));
        }
        victims.forEach(ClusterKafkaFaultsIT::kill);

        RegistrationBurst burst = RegistrationBurst.of(identity(), "brokers-down", 60, 4);
        assertEveryRegistrationAnswered201(burst);
        // With min.insync.replicas=2 no record can be acknowledged by one broker: the outbox must hold every one.
        await("no email for the burst while only one broker runs")
                .during(TWO_BROKERS_DOWN)
                .atMost(TWO_BROKERS_DOWN.plusSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> arrivals(burst.registered().keySet()).isEmpty());

        Instant faultEnd = Instant.now();
        commands.forEach(ClusterKafkaFaultsIT::restart);
        victims.forEach(ClusterKafkaFaultsIT::awaitRunning);
        Instant brokersBack = Instant.now();
        Instant lastMail = awaitExactlyOneEmailEach("brokers-down-to-one", burst, faultEnd, (timings, last) -> {
            timings.put("restart→both brokers running", Duration.between(faultEnd, brokersBack));
            timings.put("both running→last email", last == null ? null : Duration.between(brokersBack, last));
        });
        assertThat(lastMail).isAfter(faultEnd);
    }

    @Test
    @Order(2)
    void everyAddressGetsExactlyOneEmailWhenThePartitionLeaderIsKilledDuringTheBurst() throws Exception {
        awaitFullyReplicated();
        int leader = leaderOfPartition0();
        List<String> command = nodeCommand(leader);

        Instant killed = Instant.now();
        kill(leader);
        AtomicReference<Instant> elected = new AtomicReference<>();
        CompletableFuture<RegistrationBurst> burst = CompletableFuture.supplyAsync(() -> {
            try {
                // At least 60, and on until the partition has a new leader: the burst spans the election.
                return RegistrationBurst.registerWhile(
                        identity(), "leader-killed", 60, 300, 3, () -> elected.get() == null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        await("a new leader for " + TOPIC + "-0")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Node now = partition0().leader();
                    return now != null && now.id() != leader;
                });
        elected.set(Instant.now());
        RegistrationBurst registrations = burst.get(5, TimeUnit.MINUTES);
        assertEveryRegistrationAnswered201(registrations);

        // Two brokers of three are enough for min.insync.replicas=2: the burst's mail flows before the node is back.
        awaitExactlyOneEmailEach("partition-leader-killed", registrations, elected.get(), (timings, last) -> {
            timings.put("kill→new leader", Duration.between(killed, elected.get()));
        });
        restart(leader, command);
        awaitRunning(leader);
    }

    @Test
    @Order(3)
    void everyAddressGetsExactlyOneEmailAfterSmtpIsDownFor60Seconds() throws Exception {
        List<URI> notificationHealth = bannerUrls("Notification mgmt");
        Map<Path, Long> warningsBefore = new LinkedHashMap<>();
        for (Path log : notificationLogs()) {
            warningsBefore.put(log, smtpOutageWarnings(log));
        }

        Instant down = Instant.now();
        assertThat(smtpAccepting(false)).isFalse();
        RegistrationBurst burst = RegistrationBurst.of(identity(), "smtp-down", 150, 4);
        assertEveryRegistrationAnswered201(burst);
        await("notification-service's health showing the SMTP outage")
                .atMost(SMTP_DOWN)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> notificationHealth.stream()
                        .anyMatch(url ->
                                "DOWN".equals(smtpHealth(url).path("status").asText())));
        Duration leftOfOutage = Duration.between(Instant.now(), down.plus(SMTP_DOWN));
        if (!leftOfOutage.isNegative() && !leftOfOutage.isZero()) {
            await("the burst held in the queue while SMTP is down")
                    .during(leftOfOutage)
                    .atMost(leftOfOutage.plusSeconds(30))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> arrivals(burst.registered().keySet()).isEmpty());
        }

        Instant up = Instant.now();
        assertThat(smtpAccepting(true)).isTrue();
        awaitExactlyOneEmailEach("smtp-down-60s", burst, up, (timings, last) -> {
            timings.put("outage", Duration.between(down, up));
        });

        // The breaker: one WARN per instance that saw the outage, and health UP again with the outage's details.
        long warned = 0;
        for (Path log : notificationLogs()) {
            long more = smtpOutageWarnings(log) - warningsBefore.getOrDefault(log, 0L);
            assertThat(more).as("SMTP outage warnings in %s", log).isBetween(0L, 1L);
            warned += more;
        }
        assertThat(warned).as("instances that warned of the outage").isPositive();
        await("every notification-service instance's SMTP health UP again")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> notificationHealth.stream()
                        .allMatch(url ->
                                "UP".equals(smtpHealth(url).path("status").asText())));
        assertThat(notificationHealth.stream()
                        .map(ClusterKafkaFaultsIT::smtpHealth)
                        .filter(health -> health.path("details").has("lastOutageDuration")))
                .as("instances that report the outage that ended")
                .isNotEmpty();
    }

    @Test
    @Order(4)
    void noAddressEverGotASecondEmail() {
        assertThat(registered).isNotEmpty();
        await("still exactly one email to each of " + registered.size() + " addresses")
                .during(NO_DUPLICATE)
                .atMost(NO_DUPLICATE.plusSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Map<String, List<Instant>> all = mailbox.arrivalsByAddress();
                    return registered.stream()
                            .allMatch(address -> all.getOrDefault(address.toLowerCase(java.util.Locale.ROOT), List.of())
                                            .size()
                                    == 1);
                });
    }

    /**
     * Waits until every address of the burst has an email, then watches that none gets a second; records the scenario
     * either way (a failed wait records the addresses still without one as lost) and then fails if it must.
     *
     * @param faultEnd when the fault ended: the recovery time runs from it to the burst's last first email
     * @param moreTimings adds the scenario's own timings, given the burst's last first email (null if one is missing)
     * @return when the burst's last first email arrived
     */
    private static Instant awaitExactlyOneEmailEach(
            String scenario,
            RegistrationBurst burst,
            Instant faultEnd,
            java.util.function.BiConsumer<Map<String, Duration>, Instant> moreTimings)
            throws Exception {
        Map<String, Instant> addresses = burst.registered();
        registered.addAll(addresses.keySet());
        AssertionError failure = null;
        try {
            await("one email to each of the " + addresses.size() + " addresses of " + scenario)
                    .atMost(MAIL_AFTER_FAULT)
                    .pollInterval(Duration.ofMillis(500))
                    .until(() ->
                            FaultRecord.lastFirstArrival(addresses.keySet(), arrivals(addresses.keySet())) != null);
            await("no second email to any address of " + scenario)
                    .during(NO_DUPLICATE)
                    .atMost(NO_DUPLICATE.plusSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> arrivals(addresses.keySet()).values().stream().allMatch(times -> times.size() == 1));
        } catch (ConditionTimeoutException e) {
            failure = new AssertionError(e.getMessage(), e);
        }
        Map<String, List<Instant>> arrivals = arrivals(addresses.keySet());
        Instant last = FaultRecord.lastFirstArrival(addresses.keySet(), arrivals);
        Map<String, Duration> timings = new LinkedHashMap<>();
        moreTimings.accept(timings, last);
        Instant first = arrivals.values().stream()
                .map(times -> times.stream().min(Instant::compareTo).orElseThrow())
                .min(Instant::compareTo)
                .orElse(null);
        timings.put("fault end→first email", first == null ? null : Duration.between(faultEnd, first));
        timings.put("fault end→last email", last == null ? null : Duration.between(faultEnd, last));
        FaultRecord record = FaultRecord.of(scenario, addresses, arrivals, timings);
        record.publish(resultsDirectory());
        if (failure != null) {
            throw failure;
        }
        assertThat(record.lost()).as("addresses without an email").isZero();
        assertThat(record.duplicated()).as("addresses with more than one email").isZero();
        return last;
    }

    private static void assertEveryRegistrationAnswered201(RegistrationBurst burst) {
        assertThat(burst.failures()).as("registrations not answered 201").isEmpty();
        assertThat(burst.registered()).isNotEmpty();
    }

    /** The emails per address (lower case) of {@code addresses} that have arrived so far. */
    private static Map<String, List<Instant>> arrivals(Set<String> addresses) throws Exception {
        Map<String, List<Instant>> all = mailbox.arrivalsByAddress();
        Map<String, List<Instant>> ours = new LinkedHashMap<>();
        for (String address : addresses) {
            List<Instant> times = all.get(address.toLowerCase(java.util.Locale.ROOT));
            if (times != null) {
                ours.put(address.toLowerCase(java.util.Locale.ROOT), times);
            }
        }
        return ours;
    }

    private static boolean isServiceOrConnect(ProcessHandle process) {
        String commandLine = process.info().commandLine().orElse("");
        return commandLine.contains("ConnectDistributed")
                || commandLine.contains("identity-service.jar")
                || commandLine.contains("notification-service.jar");
    }

    // --- Kafka nodes ------------------------------------------------------------------------------------------------

    /** Waits until every partition of every topic (internal ones too) has all three replicas in sync. */
    private static void awaitFullyReplicated() {
        await("every partition of every topic with 3 replicas in sync")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .ignoreExceptions()
                .until(() -> {
                    Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                            .names()
                            .get(10, TimeUnit.SECONDS);
                    Map<String, TopicDescription> described =
                            admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS);
                    return described.values().stream()
                            .flatMap(topic -> topic.partitions().stream())
                            .allMatch(p -> p.leader() != null && p.isr().size() == 3);
                });
    }

    /**
     * Waits for the restarted node's "running" line: KafkaNodeMain writes it once the broker has started, which needs a
     * controller quorum, caught-up metadata and the broker unfenced. (A cluster description is no test here: while
     * the quorum is lost, the survivor's metadata still lists the dead brokers.)
     */
    private static void awaitRunning(int id) {
        Path log = restartLog(id);
        long before = runningLinesBeforeRestart.getOrDefault(id, 0L);
        await("Kafka node " + id + " running again")
                .atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Process process = restartedNodes.get(id);
                    if (process != null && !process.isAlive()) {
                        throw new AssertionError("restarted Kafka node " + id + " exited with code "
                                + process.exitValue() + " (see " + log + ")");
                    }
                    return runningLines(id) > before;
                });
    }

    private static long runningLines(int id) throws java.io.IOException {
        Path log = restartLog(id);
        if (!Files.exists(log)) {
            return 0;
        }
        String running = "Kafka node " + id + " running on";
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> line.contains(running)).count();
        }
    }

    private static Path restartLog(int id) {
        return dataDirectory.resolve("logs/kafka-node-" + id + "-restarted.log");
    }

    private static TopicPartitionInfo partition0() throws Exception {
        return admin.describeTopics(List.of(TOPIC))
                .allTopicNames()
                .get(10, TimeUnit.SECONDS)
                .get(TOPIC)
                .partitions()
                .get(0);
    }

    private static int leaderOfPartition0() throws Exception {
        Node leader = partition0().leader();
        assertThat(leader).as("a leader of %s-0", TOPIC).isNotNull();
        return leader.id();
    }

    /** The running JVM of Kafka node {@code id}: the launcher's child, or the test's own after a restart. */
    private static ProcessHandle nodeProcess(int id) {
        Process restarted = restartedNodes.get(id);
        if (restarted != null && restarted.isAlive()) {
            return restarted.toHandle();
        }
        String marker = "--node-id=" + id + " ";
        return stack.process
                .descendants()
                .filter(p -> {
                    String commandLine = p.info().commandLine().orElse("");
                    return commandLine.contains("KafkaNodeMain") && commandLine.contains(marker);
                })
                .findFirst()
                .orElseThrow(() -> new AssertionError("no running process of Kafka node " + id));
    }

    private static List<String> nodeCommand(int id) {
        ProcessHandle node = nodeProcess(id);
        List<String> command = new ArrayList<>();
        command.add(node.info().command().orElseThrow());
        command.addAll(List.of(node.info().arguments().orElseThrow()));
        return command;
    }

    /** SIGKILL: no controlled shutdown, the controller learns of it only from the missed heartbeats. */
    private static void kill(int id) {
        ProcessHandle node = nodeProcess(id);
        node.destroyForcibly();
        assertThat(node.onExit().orTimeout(10, TimeUnit.SECONDS).join().isAlive())
                .as("Kafka node %d killed", id)
                .isFalse();
    }

    /** As a supervisor would: the same command line, output appended to the node's restart log. */
    private static void restart(int id, List<String> command) {
        Path log = restartLog(id);
        try {
            runningLinesBeforeRestart.put(id, runningLines(id));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            restartedNodes.put(id, process);
        } catch (java.io.IOException e) {
            throw new AssertionError("Kafka node " + id + " could not be restarted", e);
        }
    }

    // --- SMTP and notification-service -------------------------------------------------------------------------------

    /** Takes the stack's SMTP server down or brings it back; returns what the control says now. */
    private static boolean smtpAccepting(boolean accepting) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(stack.url("MAILBOX_PORT", "/control/smtp"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(20))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"accepting\": " + accepting + "}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json.readTree(response.body()).path("accepting").asBoolean();
    }

    /** The {@code smtp} component of an instance's {@code /actuator/health}; missing when it does not answer. */
    private static JsonNode smtpHealth(URI healthUrl) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(healthUrl)
                            .timeout(Duration.ofSeconds(10))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return json.readTree(response.body()).path("components").path("smtp");
        } catch (Exception e) {
            return json.missingNode();
        }
    }

    private static List<Path> notificationLogs() {
        return List.of(
                dataDirectory.resolve("logs/notification-service-1.log"),
                dataDirectory.resolve("logs/notification-service-2.log"));
    }

    private static long smtpOutageWarnings(Path log) throws Exception {
        try (var lines = Files.lines(log)) {
            return lines.filter(line -> SMTP_OUTAGE_WARNING.matcher(line).find())
                    .count();
        }
    }

    // --- the stack
    // ----------------------------------------------------------------------------------------------------

    private static URI identity() {
        return stack.url("IDENTITY_PORT", "/");
    }

    private static Path resultsDirectory() {
        return Path.of(System.getProperty("gopherpay.stack.dir")).getParent().resolve("resilience");
    }

    /** The URLs on one line of the ready banner, as given. */
    private static List<URI> bannerUrls(String label) {
        return Arrays.stream(bannerLine(label).split("\\s+")).map(URI::create).toList();
    }

    private static String bannerLine(String label) {
        // The banner pads each label to 18 characters ("Kafka" must not match "Kafka Connect").
        Matcher line = Pattern.compile(
                        "^" + Pattern.quote(String.format("  %-18s ", label)) + "(\\S.*)$", Pattern.MULTILINE)
                .matcher(stack.outputText());
        assertThat(line.find())
                .as("%s in the banner:%n%s", label, stack.outputText())
                .isTrue();
        return line.group(1).strip();
    }
}
