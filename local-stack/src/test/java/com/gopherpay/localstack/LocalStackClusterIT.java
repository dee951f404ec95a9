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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The cluster topology ({@code java -jar local-stack.jar --cluster}) launched as the README says, once for the class:
 * three KRaft nodes, two distributed Connect workers sharing the connector's three tasks, two instances of each
 * service. Registrations through either identity instance each produce exactly one email; after the Connect worker that
 * leads the group is killed (SIGKILL, no clean leave), mail keeps flowing and every new registration still gets
 * exactly one email; the killed worker is restarted (as a supervisor would) and then the worker that does not lead the
 * group is killed, with the same expectations; SIGTERM then stops every process. See docs/resilience.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
// The fast subset of the resilience suite: runs in every ./mvnw verify (the two fault classes only with
// -Dgopherpay.cluster-tests=true).
class LocalStackClusterIT {

    private static final String CONNECTOR = "email-verification-novu-sink";
    /** How long a new registration may take to reach the mailbox while the group recovers from a killed worker. */
    private static final Duration AFTER_A_WORKER_CRASH = Duration.ofSeconds(60);
    /** How long an address is watched for a second (duplicate) email once it has its first. */
    private static final Duration NO_DUPLICATE = Duration.ofSeconds(5);

    private static final Pattern LEADER = Pattern.compile("leaderUrl='(http://127\\.0\\.0\\.1:\\d+/)'");
    private static final ObjectMapper json = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    private static LaunchedStack stack;
    private static MailboxApi mailbox;
    /** The worker killed in the leader case, its command line, the survivor, and the worker restarted in its place. */
    private static URI killedWorker;

    private static List<String> killedWorkerCommand;
    private static URI survivor;
    private static Process restartedWorker;
    /** Every address registered by this class, each of which must end with exactly one email. */
    private static final List<String> registered = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        // One client address (loopback) registers for the whole class; the per-client limit is not what is tested.
        stack = LaunchedStack.launch(Map.of("IDENTITY_RATELIMIT_REQUESTS", "200"), "--fresh", "--cluster");
        mailbox = new MailboxApi(stack);
        stack.awaitReady(Duration.ofMinutes(5));
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (restartedWorker != null) {
            restartedWorker.destroyForcibly(); // the test's own process, not the stack's
            restartedWorker.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
        if (stack == null) {
            return;
        }
        stack.stopAndCheckNothingIsLeft();
    }

    @Test
    @Order(1)
    void printsBothInstancesOfEachServiceAndBothWorkersInOneBlock() {
        assertThat(bannerUrls("Identity instances")).hasSize(2);
        assertThat(bannerUrls("Notification inst.")).hasSize(2);
        assertThat(bannerUrls("Kafka Connect")).hasSize(2);
        assertThat(bannerLine("Kafka").split(",")).hasSize(3);
    }

    @Test
    @Order(2)
    void registrationsThroughEitherIdentityInstanceEachGetExactlyOneEmail() throws Exception {
        List<String> addresses = new ArrayList<>();
        for (URI instance : bannerUrls("Identity instances")) {
            for (int i = 0; i < 2; i++) {
                addresses.add(register(instance));
            }
        }
        addresses.add(register(stack.url("IDENTITY_PORT", "/"))); // and through the balancer

        assertExactlyOneEmailEach(addresses, MailboxApi.MAIL);
    }

    @Test
    @Order(3)
    void mailKeepsFlowingAfterTheConnectWorkerLeadingTheGroupIsKilled() throws Exception {
        List<URI> workers = bannerUrls("Kafka Connect");
        await("the connector's 3 tasks running on both workers")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> taskWorkers(workers.get(0)), running -> running.size() == 2);
        URI leader = leader(workers, List.of());
        survivor = workers.stream().filter(w -> !w.equals(leader)).findFirst().orElseThrow();
        ProcessHandle leaderProcess = workerProcess(workers.indexOf(leader) + 1);
        killedWorker = leader;
        killedWorkerCommand = new ArrayList<>();
        killedWorkerCommand.add(leaderProcess.info().command().orElseThrow());
        killedWorkerCommand.addAll(List.of(leaderProcess.info().arguments().orElseThrow()));

        leaderProcess.destroyForcibly(); // SIGKILL: the group learns of it only through the missed heartbeats
        assertThat(leaderProcess
                        .onExit()
                        .get(10, java.util.concurrent.TimeUnit.SECONDS)
                        .isAlive())
                .isFalse();

        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // user ids spread over the topic's 3 partitions
            addresses.add(register(stack.url("IDENTITY_PORT", "/")));
        }
        assertExactlyOneEmailEach(addresses, AFTER_A_WORKER_CRASH);
        await("every task running on the surviving worker")
                .atMost(AFTER_A_WORKER_CRASH)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> taskWorkers(survivor), running -> running.equals(Set.of(hostPort(survivor))));
    }

    @Test
    @Order(4)
    void mailKeepsFlowingAfterAWorkerThatDoesNotLeadTheGroupIsKilled() throws Exception {
        assertThat(killedWorkerCommand).as("the leader case ran first").isNotNull();
        // As a supervisor would: the killed worker comes back with the same command line and environment.
        String apiKey = Files.readString(Path.of(stack.ports.get("GOPHERPAY_DATA_DIR"), "notification-api-key"))
                .strip();
        Path log = Path.of(stack.ports.get("GOPHERPAY_DATA_DIR"), "logs", "connect-restarted.log");
        ProcessBuilder restart = new ProcessBuilder(killedWorkerCommand)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        restart.environment().put("NOVU_API_KEY", apiKey);
        restartedWorker = restart.start();
        List<URI> workers = List.of(survivor, killedWorker);
        await("the connector's 3 tasks running on the survivor and the restarted worker")
                .atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> taskWorkers(survivor), running -> running.size() == 2);
        URI leader = leader(workers, List.of(log));
        URI nonLeader =
                workers.stream().filter(w -> !w.equals(leader)).findFirst().orElseThrow();
        ProcessHandle nonLeaderProcess =
                nonLeader.equals(killedWorker) ? restartedWorker.toHandle() : workerProcessListening(nonLeader);

        nonLeaderProcess.destroyForcibly();
        assertThat(nonLeaderProcess
                        .onExit()
                        .get(10, java.util.concurrent.TimeUnit.SECONDS)
                        .isAlive())
                .isFalse();

        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            addresses.add(register(stack.url("IDENTITY_PORT", "/")));
        }
        assertExactlyOneEmailEach(addresses, AFTER_A_WORKER_CRASH);
        await("every task running on the leader")
                .atMost(AFTER_A_WORKER_CRASH)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> taskWorkers(leader), running -> running.equals(Set.of(hostPort(leader))));
    }

    @Test
    @Order(5)
    void noAddressEverGotASecondEmail() throws Exception {
        assertThat(registered).isNotEmpty();
        await("still exactly one email to each of " + registered.size() + " addresses")
                .during(NO_DUPLICATE)
                .atMost(NO_DUPLICATE.plusSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> emailsPerAddress(registered).values().stream().allMatch(count -> count == 1));
    }

    /**
     * Each address has exactly one email within {@code within}: waits until every one has one, then watches that none
     * gets a second (a redelivered record after a rebalance would be one).
     */
    private static void assertExactlyOneEmailEach(List<String> addresses, Duration within) {
        await("one email to each of " + addresses)
                .atMost(within)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> emailsPerAddress(addresses).values().stream().allMatch(count -> count >= 1));
        await("no second email to any of " + addresses)
                .during(NO_DUPLICATE)
                .atMost(NO_DUPLICATE.plusSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> emailsPerAddress(addresses).values().stream().allMatch(count -> count == 1));
    }

    private static Map<String, Integer> emailsPerAddress(List<String> addresses) throws Exception {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (String address : addresses) {
            counts.put(address, mailbox.messagesTo(address).size());
        }
        return counts;
    }

    /** Registers a new address through {@code identity} (an instance or the balancer) and expects 201. */
    private static String register(URI identity) throws Exception {
        String email = "cluster-" + UUID.randomUUID() + "@example.com";
        String password =
                "Correct-Horse-Battery-" + UUID.randomUUID().toString().substring(0, 8);
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(identity.resolve("/auth/register"))
                        .header("Content-Type", "application/json")
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of(
                                "email",
                                email,
                                "password",
                                password,
                                "confirmPassword",
                                password,
                                "fullName",
                                "Grace Hopper"))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        registered.add(email);
        return email;
    }

    /** The {@code host:port} of every worker that runs a task of the connector, as a worker's status API says. */
    private static Set<String> taskWorkers(URI worker) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(worker.resolve("/connectors/" + CONNECTOR + "/status"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        Set<String> running = new HashSet<>();
        if (response.statusCode() != 200) {
            return running;
        }
        JsonNode tasks = json.readTree(response.body()).path("tasks");
        if (tasks.size() != 3) {
            return Set.of();
        }
        for (JsonNode task : tasks) {
            if (!"RUNNING".equals(task.path("state").asText())) {
                return Set.of();
            }
            running.add(task.path("worker_id").asText());
        }
        return running;
    }

    /** The group leader, as the newest assignment in the workers' logs names it. */
    private static URI leader(List<URI> workers, List<Path> moreLogs) throws Exception {
        Path logs = Path.of(stack.ports.get("GOPHERPAY_DATA_DIR"), "logs");
        List<Path> files = new ArrayList<>(List.of(logs.resolve("connect-1.log"), logs.resolve("connect-2.log")));
        files.addAll(moreLogs);
        String newest = null;
        String newestLine = "";
        for (Path file : files) {
            for (String line : Files.readAllLines(file)) {
                Matcher leader = LEADER.matcher(line);
                // Lines start with HH:mm:ss.SSS, so the greater one is the newer one.
                if (leader.find() && line.compareTo(newestLine) >= 0) {
                    newest = leader.group(1);
                    newestLine = line;
                }
            }
        }
        assertThat(newest).as("a leader in the Connect workers' logs").isNotNull();
        URI found = URI.create(newest);
        return workers.stream()
                .filter(w -> w.getPort() == found.getPort())
                .findFirst()
                .orElseThrow();
    }

    /** The JVM of Connect worker {@code n} (1-based), a child of the launcher. */
    private static ProcessHandle workerProcess(int n) {
        String marker = "connect-cluster/worker-" + n + "/";
        return stack.process
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains(marker))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no process of Connect worker " + n));
    }

    /** The launcher's Connect worker JVM whose REST API is {@code worker}. */
    private static ProcessHandle workerProcessListening(URI worker) {
        List<URI> workers = bannerUrls("Kafka Connect");
        return workerProcess(workers.indexOf(worker) + 1);
    }

    private static String hostPort(URI url) {
        return url.getHost() + ":" + url.getPort();
    }

    /** The URLs on one line of the ready banner, as the base URLs of the instances. */
    private static List<URI> bannerUrls(String label) {
        return Arrays.stream(bannerLine(label).split("\\s+"))
                .map(url -> URI.create(url).resolve("/"))
                .toList();
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
