package com.gopherpay.localstack;

import com.gopherpay.embedded.FreePorts;
import com.gopherpay.embedded.KafkaBroker;
import com.gopherpay.embedded.PostgresServer;
import com.gopherpay.localstack.connect.ConnectWorker;
import com.gopherpay.localstack.kafka.KafkaNodes;
import com.gopherpay.localstack.mailbox.DevMailbox;
import com.gopherpay.localstack.process.ClassDataSharing;
import com.gopherpay.localstack.process.JavaProcess;
import com.gopherpay.localstack.process.Readiness;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.commons.io.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole registration flow on one machine: PostgreSQL, a KRaft Kafka broker, a Kafka Connect worker with the
 * novu-sink-connector plugin, an SMTP server with a dev mailbox, the notification service and the identity service.
 * What does not depend on each other starts at the same time: PostgreSQL with Kafka, then Kafka Connect,
 * notification-service (after its SMTP server) and identity-service; each part is checked ready, its ready time is
 * logged, and everything is stopped in reverse order of start. A failure anywhere stops every part started. With
 * {@link LocalStackOptions#identityOnly()} only PostgreSQL, Kafka and the identity service start; the accessors and
 * summary lines of the parts that did not start give null or are left out.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);
    private static final Duration SERVICE_READY = Duration.ofSeconds(120);
    /** Six JVMs start at once in the cluster topology; on two cores each takes longer. */
    private static final Duration CLUSTER_SERVICE_READY = Duration.ofSeconds(240);
    /** Three Kafka JVMs start at once, beside PostgreSQL: their brokers register once a controller quorum runs. */
    private static final Duration CLUSTER_KAFKA_READY = Duration.ofSeconds(180);
    /** Instances of each service (and Connect workers) in the cluster topology. */
    private static final int CLUSTER_INSTANCES = 2;
    /** How long close() waits for a start on another thread to notice and give up (its slowest step is Kafka's). */
    private static final Duration ABANDONED_START = Duration.ofSeconds(90);

    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    /** Class data archives of the child JVMs, beside the jars they come from; set when the layout is known. */
    private ClassDataSharing classDataSharing = ClassDataSharing.off();

    private final Map<String, Long> processIds = new LinkedHashMap<>();
    /** Held by the thread in {@link #startAll} for the whole start, so that close() can wait for it to give up. */
    private final ReentrantLock starting = new ReentrantLock();

    private boolean closed; // guarded by this
    private boolean started; // guarded by this
    private Path dataToDeleteOnClose; // guarded by this
    private Path dataDirectory;
    private String notificationApiKey;
    private URI identityUrl;
    private URI identityManagementUrl;
    private URI notificationUrl;
    private URI mailboxUrl;
    private URI connectUrl;
    private List<URI> connectUrls = List.of();
    private List<URI> identityInstanceUrls = List.of();
    private List<URI> identityManagementUrls = List.of();
    private List<URI> notificationInstanceUrls = List.of();
    private List<URI> notificationManagementUrls = List.of();
    private String kafkaBootstrapServers;
    private String smtpAddress;
    private String databaseDescription;

    /**
     * A stack with nothing running yet. Make sure {@link #close()} will be called (a shutdown hook, say) before
     * {@link #startAll}, so that a signal in the middle of the start leaves no process behind.
     */
    public LocalStack() {}

    /** Creates a stack and starts every part; on any failure stops what already runs and rethrows. */
    public static LocalStack start(LocalStackOptions options) {
        LocalStack stack = new LocalStack();
        stack.startAll(options);
        return stack;
    }

    /**
     * Starts every part, each after the parts it needs are ready; callable once. On any failure, or when {@link #close()}
     * is called meanwhile from another thread, stops what already runs and throws.
     *
     * @throws StartupFailed with the one-line reason, among other runtime exceptions of the parts
     */
    public void startAll(LocalStackOptions options) {
        starting.lock();
        try {
            synchronized (this) {
                if (started) {
                    throw new IllegalStateException("The local stack was already started");
                }
                started = true;
                if (options.deleteDataOnClose()) {
                    dataToDeleteOnClose = options.dataDirectory();
                }
            }
            startParts(options);
        } catch (RuntimeException e) {
            close();
            throw e;
        } finally {
            starting.unlock();
        }
    }

    public URI identityUrl() {
        return identityUrl;
    }

    /**
     * identity-service's actuator (health with details, {@code /actuator/prometheus}): a port of its own on loopback,
     * since the public port serves only {@code /livez} and {@code /readyz}.
     */
    public URI identityManagementUrl() {
        return identityManagementUrl;
    }

    /** Null when notification-service was not started. */
    public URI notificationUrl() {
        return notificationUrl;
    }

    /** Null when the dev mailbox was not started. */
    public URI mailboxUrl() {
        return mailboxUrl;
    }

    /** Null when Kafka Connect was not started. */
    public URI connectUrl() {
        return connectUrl;
    }

    /**
     * The REST APIs of the Connect workers: the one worker of the single-broker stack, both distributed workers of the
     * cluster topology; empty when Connect was not started.
     */
    public List<URI> connectUrls() {
        return connectUrls.isEmpty() && connectUrl != null ? List.of(connectUrl) : connectUrls;
    }

    /**
     * The identity-service instances' own URLs in the cluster topology ({@link #identityUrl()} is their balancer);
     * empty in the single-broker stack.
     */
    public List<URI> identityInstanceUrls() {
        return identityInstanceUrls;
    }

    /** The notification-service instances' own URLs in the cluster topology; empty in the single-broker stack. */
    public List<URI> notificationInstanceUrls() {
        return notificationInstanceUrls;
    }

    /**
     * The notification-service instances' actuators (health with the {@code smtp} details, metrics) on loopback ports
     * of their own, in the cluster topology; empty in the single-broker stack (its actuator takes any free port).
     */
    public List<URI> notificationManagementUrls() {
        return notificationManagementUrls;
    }

    /** The data directory in use (holds the dev API key and every part's log). */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * The dev API key for notification-service (what the connector sends), for tools that call it directly; null when
     * notification-service was not started.
     */
    public String notificationApiKey() {
        return notificationApiKey;
    }

    /** Process ids of the stack's JVMs, the launcher included, for resource measurements. */
    public synchronized Map<String, Long> processIds() {
        Map<String, Long> ids = new LinkedHashMap<>();
        ids.put(
                "launcher (PostgreSQL client, Kafka, SMTP)",
                ProcessHandle.current().pid());
        ids.putAll(processIds);
        return ids;
    }

    public String kafkaBootstrapServers() {
        return kafkaBootstrapServers;
    }

    /** Where to point a browser or a script, one line each, for the parts that were started. */
    public Map<String, String> summary() {
        Map<String, String> lines = new LinkedHashMap<>();
        putIfStarted(lines, "Register", identityUrl, "/");
        putIfStarted(lines, "Sign in", identityUrl, "/login");
        putIfStarted(lines, "Dev mailbox", mailboxUrl, "/");
        putIfStarted(lines, "Identity API docs", identityUrl, "/swagger-ui.html");
        if (identityInstanceUrls.isEmpty()) {
            putIfStarted(lines, "Identity metrics", identityManagementUrl, "/actuator/prometheus");
        } else {
            lines.put("Identity instances", joined(identityInstanceUrls, "/"));
            lines.put("Identity metrics", joined(identityManagementUrls, "/actuator/prometheus"));
        }
        putIfStarted(lines, "Notification API", notificationUrl, "/v1/events/trigger");
        if (!notificationInstanceUrls.isEmpty()) {
            lines.put("Notification inst.", joined(notificationInstanceUrls, "/"));
            lines.put("Notification mgmt", joined(notificationManagementUrls, "/actuator/health"));
        }
        if (connectUrls.isEmpty()) {
            putIfStarted(lines, "Kafka Connect", connectUrl, "/connectors");
        } else {
            lines.put("Kafka Connect", joined(connectUrls, "/connectors"));
        }
        putIfStarted(lines, "Kafka", kafkaBootstrapServers, "");
        putIfStarted(lines, "SMTP", smtpAddress, "");
        putIfStarted(lines, "PostgreSQL", databaseDescription, "");
        return lines;
    }

    private static String joined(List<URI> urls, String path) {
        return String.join("  ", urls.stream().map(url -> url + path).toList());
    }

    private static void putIfStarted(Map<String, String> lines, String name, Object address, String path) {
        if (address != null) {
            lines.put(name, address + path);
        }
    }

    /**
     * Stops every part in reverse order of start; safe to call more than once and from any thread. While another thread
     * is in {@link #startAll}, that start gives up at its next step (a part it starts after this call is stopped at
     * once) and this call waits for it, so that nothing it launched outlives the stack.
     */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        stopRunningParts();
        try {
            if (starting.tryLock(ABANDONED_START.toMillis(), TimeUnit.MILLISECONDS)) {
                try {
                    stopRunningParts();
                    deleteThrowAwayData();
                } finally {
                    starting.unlock();
                }
            } else {
                log.warn("The start did not give up within {} s", ABANDONED_START.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void stopRunningParts() {
        while (!running.isEmpty()) {
            closeQuietly(running.pop());
        }
    }

    private synchronized void deleteThrowAwayData() {
        if (dataToDeleteOnClose != null) {
            FileUtils.deleteQuietly(dataToDeleteOnClose.toFile());
            dataToDeleteOnClose = null;
        }
    }

    /** Takes a started part into the stack, or stops it at once when the stack was closed while it started. */
    private synchronized <T extends AutoCloseable> T register(T part) {
        if (closed) {
            closeQuietly(part);
            throw stoppedWhileStarting();
        }
        running.push(part);
        return part;
    }

    /** Called before starting each part: a closed stack starts nothing more. */
    private synchronized void requireOpen() {
        if (closed) {
            throw stoppedWhileStarting();
        }
    }

    private static StartupFailed stoppedWhileStarting() {
        return new StartupFailed("The local stack was stopped before every part had started");
    }

    private static void closeQuietly(AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            log.warn("A part of the stack did not stop cleanly: {}", e.getMessage());
        }
    }

    private void startParts(LocalStackOptions options) {
        long begin = System.nanoTime();
        Ports ports = Ports.claim(options);
        Path data = DataDirectory.prepare(options.dataDirectory(), options.fresh());
        dataDirectory = data;
        StackLayout layout = new StackLayout(options.stackDirectory());
        classDataSharing = ClassDataSharing.in(layout.classDataCache());
        boolean fullStack = !options.identityOnly();
        ParallelStart parallel = new ParallelStart(begin, this::abandon, ABANDONED_START);

        // PostgreSQL and Kafka need nothing of each other; everything after them needs one or both.
        Map<String, Runnable> infrastructure = new LinkedHashMap<>();
        Database[] databases = new Database[2];
        if (options.databaseUrl() != null) {
            databases[0] = new Database(options.databaseUrl(), options.databaseUser(), options.databasePassword());
            databases[1] = databases[0];
            databaseDescription = options.databaseUrl();
        } else {
            infrastructure.put("PostgreSQL", () -> startPostgres(data, ports, fullStack, databases));
        }
        if (options.cluster()) {
            infrastructure.put("Kafka (3 KRaft nodes)", () -> {
                requireOpen();
                log.info("Starting a Kafka cluster of 3 KRaft nodes, one JVM each…");
                // Owned by the stack from launch on, so that a close() while they form their quorum stops them too.
                KafkaNodes kafka = register(KafkaNodes.launch(new KafkaNodes.Settings(
                        data.resolve("kafka-cluster"),
                        ports.kafka(),
                        layout.kafkaNodeClasspath(),
                        data.resolve("logs"))));
                kafka.processIds().forEach(this::recordPid);
                kafka.awaitReady(CLUSTER_KAFKA_READY);
                kafkaBootstrapServers = kafka.bootstrapServers();
            });
        } else {
            infrastructure.put("Kafka", () -> {
                requireOpen();
                log.info("Starting Kafka…");
                KafkaBroker kafka = register(KafkaBroker.start(data.resolve("kafka"), ports.kafka()));
                kafkaBootstrapServers = kafka.bootstrapServers();
            });
        }
        parallel.run(infrastructure);
        if (options.cluster()) {
            startClusterServices(options, ports, data, layout, databases, parallel);
            return;
        }

        // Connect, notification-service (after its SMTP server) and identity-service need only PostgreSQL and Kafka.
        identityUrl = URI.create("http://127.0.0.1:" + ports.identity());
        Map<String, Runnable> services = new LinkedHashMap<>();
        if (fullStack) {
            String apiKey = DevApiKey.loadOrCreate(data.resolve("notification-api-key"));
            notificationApiKey = apiKey;
            notificationUrl = URI.create("http://127.0.0.1:" + ports.notification());
            CompletableFuture<Void> connectLaunched = new CompletableFuture<>();
            services.put("Kafka Connect", () -> startConnect(ports, data, layout, apiKey, connectLaunched));
            services.put(
                    "notification-service (with SMTP and the dev mailbox)",
                    () -> startMailAndNotification(
                            options, ports, data, layout, databases[1], apiKey, connectLaunched));
        }
        services.put("identity-service", () -> startIdentity(options, ports, data, layout, databases[0]));
        parallel.run(services);
    }

    /**
     * The cluster topology's services: two distributed Connect workers (one connector, its tasks shared), two
     * notification-service and two identity-service instances on free ports, each pair behind a balancer on the
     * service's documented port.
     */
    private void startClusterServices(
            LocalStackOptions options,
            Ports ports,
            Path data,
            StackLayout layout,
            Database[] databases,
            ParallelStart parallel) {
        identityUrl = URI.create("http://127.0.0.1:" + ports.identity());
        String apiKey = DevApiKey.loadOrCreate(data.resolve("notification-api-key"));
        notificationApiKey = apiKey;
        notificationUrl = URI.create("http://127.0.0.1:" + ports.notification());
        CompletableFuture<Void> connectLaunched = new CompletableFuture<>();
        Map<String, Runnable> services = new LinkedHashMap<>();
        services.put("Kafka Connect (2 distributed workers)", () -> {
            try {
                launchConnectCluster(ports, data, layout, apiKey, connectLaunched);
            } catch (RuntimeException e) {
                connectLaunched.completeExceptionally(e);
                throw e;
            }
        });
        services.put(
                "notification-service ×2 (with SMTP and the dev mailbox)",
                () -> startMailAndNotificationCluster(
                        options, ports, data, layout, databases[1], apiKey, connectLaunched));
        services.put("identity-service ×2", () -> startIdentityCluster(options, ports, data, layout, databases[0]));
        parallel.run(services);
    }

    private void launchConnectCluster(
            Ports ports, Path data, StackLayout layout, String apiKey, CompletableFuture<Void> launched) {
        List<ConnectWorker> workers = new java.util.ArrayList<>();
        List<ConnectWorker.Settings> settings = new java.util.ArrayList<>();
        int[] restPorts = {ports.connect(), FreePorts.next()};
        for (int i = 0; i < CLUSTER_INSTANCES; i++) {
            requireOpen();
            String name = "Kafka Connect worker " + (i + 1);
            log.info("Starting {} (distributed) with the novu-sink-connector plugin…", name);
            ConnectWorker.Settings worker = new ConnectWorker.Settings(
                    kafkaBootstrapServers,
                    restPorts[i],
                    data.resolve("connect-cluster/worker-" + (i + 1)),
                    layout.connectClasspath(),
                    layout.connectorPluginArchive(),
                    layout.connectorConfig(),
                    notificationUrl,
                    apiKey,
                    data.resolve("logs/connect-" + (i + 1) + ".log"));
            ConnectWorker connect =
                    register(ConnectWorker.launchDistributed(worker, layout.distributedWorkerConfig(), name));
            recordPid(name, connect.pid());
            workers.add(connect);
            settings.add(worker);
        }
        launched.complete(null);
        for (ConnectWorker worker : workers) {
            worker.awaitJoined();
        }
        // The connector is submitted once; the group spreads its tasks (tasks.max=3, one per partition).
        workers.get(0).createConnectorAndAwaitRunning(settings.get(0));
        connectUrls = workers.stream().map(ConnectWorker::restUrl).toList();
        connectUrl = connectUrls.get(0);
    }

    private void startMailAndNotificationCluster(
            LocalStackOptions options,
            Ports ports,
            Path data,
            StackLayout layout,
            Database notificationDb,
            String apiKey,
            CompletableFuture<Void> connectLaunched) {
        requireOpen();
        log.info("Starting the SMTP server and dev mailbox…");
        DevMailbox mailbox = register(DevMailbox.start(ports.smtp(), ports.mailbox(), options.faultInjection()));
        mailboxUrl = URI.create("http://127.0.0.1:" + mailbox.httpPort());
        smtpAddress = "127.0.0.1:" + mailbox.smtpPort();
        awaitLaunched(connectLaunched);
        List<Integer> instancePorts = new java.util.ArrayList<>();
        List<Integer> managementPorts = new java.util.ArrayList<>();
        List<JavaProcess> instances = new java.util.ArrayList<>();
        for (int i = 1; i <= CLUSTER_INSTANCES; i++) {
            int port = FreePorts.next();
            int managementPort = FreePorts.next();
            instancePorts.add(port);
            managementPorts.add(managementPort);
            instances.add(launchNotification(
                    "notification-service " + i,
                    port,
                    managementPort,
                    data.resolve("logs/notification-service-" + i + ".log"),
                    options,
                    layout,
                    notificationDb,
                    apiKey,
                    mailbox.smtpPort()));
        }
        for (int i = 0; i < instances.size(); i++) {
            Readiness.awaitHttp(
                    instances.get(i).name(),
                    URI.create("http://127.0.0.1:" + instancePorts.get(i) + "/readyz"),
                    Readiness::healthUp,
                    instances.get(i),
                    CLUSTER_SERVICE_READY);
        }
        notificationInstanceUrls = instancePorts.stream()
                .map(p -> URI.create("http://127.0.0.1:" + p))
                .toList();
        notificationManagementUrls = managementPorts.stream()
                .map(p -> URI.create("http://127.0.0.1:" + p))
                .toList();
        requireOpen();
        register(RoundRobinBalancer.start("notification-service", ports.notification(), instancePorts));
    }

    private void startIdentityCluster(
            LocalStackOptions options, Ports ports, Path data, StackLayout layout, Database identityDb) {
        List<Integer> instancePorts = new java.util.ArrayList<>();
        List<Integer> managementPorts = new java.util.ArrayList<>();
        // One after the other: the first migrates the schema and creates the topics, the second then only joins (once,
        // on a loaded 2-core machine, an instance exited during a start of both at once).
        for (int i = 1; i <= CLUSTER_INSTANCES; i++) {
            int port = FreePorts.next();
            int managementPort = FreePorts.next();
            instancePorts.add(port);
            managementPorts.add(managementPort);
            JavaProcess instance = launchIdentity(
                    "identity-service " + i,
                    port,
                    managementPort,
                    data.resolve("logs/identity-service-" + i + ".log"),
                    options,
                    data,
                    layout,
                    identityDb,
                    // Three copies of every record; min.insync.replicas defaults to 2 at RF 3.
                    Map.of("identity.kafka.replication-factor", "3"));
            awaitIdentity(instance, port, managementPort, CLUSTER_SERVICE_READY);
        }
        identityInstanceUrls = instancePorts.stream()
                .map(p -> URI.create("http://127.0.0.1:" + p))
                .toList();
        identityManagementUrls = managementPorts.stream()
                .map(p -> URI.create("http://127.0.0.1:" + p))
                .toList();
        identityManagementUrl = identityManagementUrls.get(0);
        requireOpen();
        register(RoundRobinBalancer.start("identity-service", ports.identity(), instancePorts));
    }

    private void awaitLaunched(CompletableFuture<Void> connectLaunched) {
        try {
            connectLaunched.join();
        } catch (CompletionException e) {
            // Connect's own failure, so that whichever step reports first gives the same reason.
            throw e.getCause() instanceof RuntimeException cause ? cause : stoppedWhileStarting();
        }
    }

    /** After a failure in a parallel step: the other steps stop what they started and give up. */
    private void abandon() {
        synchronized (this) {
            closed = true;
        }
        stopRunningParts();
    }

    private synchronized void recordPid(String part, long pid) {
        processIds.put(part, pid);
    }

    private void startPostgres(Path data, Ports ports, boolean fullStack, Database[] databases) {
        requireOpen();
        log.info("Starting PostgreSQL…");
        PostgresServer postgres = register(PostgresServer.start(data.resolve("postgres"), ports.postgres()));
        postgres.pid().ifPresent(pid -> recordPid("PostgreSQL", pid));
        postgres.createDatabaseIfMissing("identity");
        databases[0] = new Database(postgres.jdbcUrl("identity"), postgres.username(), "");
        if (fullStack) {
            postgres.createDatabaseIfMissing("notification");
            databases[1] = new Database(postgres.jdbcUrl("notification"), postgres.username(), "");
        }
        databaseDescription = "127.0.0.1:" + postgres.port() + " (embedded, data in " + data.resolve("postgres") + ")";
    }

    private void startIdentity(
            LocalStackOptions options, Ports ports, Path data, StackLayout layout, Database identityDb) {
        int identityManagementPort = FreePorts.next();
        JavaProcess identity = launchIdentity(
                "identity-service",
                ports.identity(),
                identityManagementPort,
                data.resolve("logs/identity-service.log"),
                options,
                data,
                layout,
                identityDb,
                Map.of());
        awaitIdentity(identity, ports.identity(), identityManagementPort, SERVICE_READY);
        ParallelStart.noteForReadyLine(identity.startupReport());
        identityManagementUrl = URI.create("http://127.0.0.1:" + identityManagementPort);
    }

    private JavaProcess launchIdentity(
            String name,
            int port,
            int managementPort,
            Path logFile,
            LocalStackOptions options,
            Path data,
            StackLayout layout,
            Database identityDb,
            Map<String, String> topologyProperties) {
        Path signingKey = DevSigningKey.loadOrCreate(data.resolve(DevSigningKey.FILE));
        requireOpen();
        log.info("Starting {}…", name);
        JavaProcess identity = register(JavaProcess.start(
                name,
                classDataSharing.bootJar("identity-service", layout.identityServiceJar(), serviceJvmOptions("384m")),
                springArguments(
                        "--server.address=127.0.0.1",
                        "--server.port=" + port,
                        "--spring.datasource.url=" + identityDb.url(),
                        "--spring.datasource.username=" + identityDb.user(),
                        "--identity.kafka.bootstrap-servers=" + kafkaBootstrapServers,
                        "--identity.kafka.dead-letter-topic=" + ConnectWorker.deadLetterTopic(layout.connectorConfig()),
                        "--identity.public-base-url=" + identityUrl,
                        "--identity.token.signing-key=" + signingKey,
                        "--management.server.address=127.0.0.1",
                        "--management.server.port=" + managementPort,
                        // Off by default outside the local stack; here they are how a developer explores the API.
                        "--springdoc.api-docs.enabled=true",
                        "--springdoc.swagger-ui.enabled=true",
                        topologyProperties,
                        options.identityProperties()),
                Map.of("SPRING_DATASOURCE_PASSWORD", identityDb.password()),
                logFile));
        recordPid(name, identity.pid());
        return identity;
    }

    /** The management port's health includes the database and Kafka; then the public port must answer too. */
    private static void awaitIdentity(JavaProcess identity, int port, int managementPort, Duration timeout) {
        Readiness.awaitHttp(
                identity.name(),
                URI.create("http://127.0.0.1:" + managementPort + "/actuator/health"),
                Readiness::healthUp,
                identity,
                timeout);
        Readiness.awaitHttp(
                identity.name(),
                URI.create("http://127.0.0.1:" + port + "/readyz"),
                Readiness::healthUp,
                identity,
                timeout);
    }

    /** Kafka Connect with the connector; it calls notification-service only once records flow. */
    private void startConnect(
            Ports ports, Path data, StackLayout layout, String apiKey, CompletableFuture<Void> launched) {
        try {
            launchConnect(ports, data, layout, apiKey, launched);
        } catch (RuntimeException e) {
            launched.completeExceptionally(e);
            throw e;
        }
    }

    private void launchConnect(
            Ports ports, Path data, StackLayout layout, String apiKey, CompletableFuture<Void> launched) {
        requireOpen();
        log.info("Starting Kafka Connect with the novu-sink-connector plugin…");
        ConnectWorker.Settings connectSettings = new ConnectWorker.Settings(
                kafkaBootstrapServers,
                ports.connect(),
                data.resolve("connect"),
                layout.connectClasspath(),
                layout.connectorPluginArchive(),
                layout.connectorConfig(),
                notificationUrl,
                apiKey,
                data.resolve("logs/connect.log"));
        // Owned by the stack from launch on, so that a close() during its slow start stops it too.
        ConnectWorker connect = register(ConnectWorker.launch(connectSettings, classDataSharing));
        recordPid("Kafka Connect", connect.pid());
        launched.complete(null);
        connect.createConnectorAndAwaitRunning(connectSettings);
        ParallelStart.noteForReadyLine(connect.startupReport());
        connectUrl = connect.restUrl();
    }

    /** The SMTP server with the dev mailbox, then notification-service, which delivers to it. */
    private void startMailAndNotification(
            LocalStackOptions options,
            Ports ports,
            Path data,
            StackLayout layout,
            Database notificationDb,
            String apiKey,
            CompletableFuture<Void> connectLaunched) {
        requireOpen();
        log.info("Starting the SMTP server and dev mailbox…");
        DevMailbox mailbox = register(DevMailbox.start(ports.smtp(), ports.mailbox(), options.faultInjection()));
        mailboxUrl = URI.create("http://127.0.0.1:" + mailbox.httpPort());
        smtpAddress = "127.0.0.1:" + mailbox.smtpPort();

        // Connect's JVM is launched first (it is ready last, and the stack stops in reverse order of launch); its
        // readiness is not waited for.
        try {
            connectLaunched.join();
        } catch (CompletionException e) {
            // Connect's own failure, so that whichever step reports first gives the same reason.
            throw e.getCause() instanceof RuntimeException cause ? cause : stoppedWhileStarting();
        }
        JavaProcess notification = launchNotification(
                "notification-service",
                ports.notification(),
                0,
                data.resolve("logs/notification-service.log"),
                options,
                layout,
                notificationDb,
                apiKey,
                mailbox.smtpPort());
        Readiness.awaitHttp(
                "notification-service",
                notificationUrl.resolve("/readyz"),
                Readiness::healthUp,
                notification,
                SERVICE_READY);
        ParallelStart.noteForReadyLine(notification.startupReport());
    }

    /** @param managementPort the actuator's loopback port, 0 for any free one */
    private JavaProcess launchNotification(
            String name,
            int port,
            int managementPort,
            Path logFile,
            LocalStackOptions options,
            StackLayout layout,
            Database notificationDb,
            String apiKey,
            int smtpPort) {
        requireOpen();
        log.info("Starting {}…", name);
        JavaProcess notification = register(JavaProcess.start(
                name,
                classDataSharing.bootJar(
                        "notification-service", layout.notificationServiceJar(), serviceJvmOptions("256m")),
                springArguments(
                        "--server.address=127.0.0.1",
                        "--server.port=" + port,
                        // Actuator (metrics, health details) on a loopback port of its own; readiness is /readyz.
                        "--management.server.address=127.0.0.1",
                        "--management.server.port=" + managementPort,
                        "--spring.datasource.url=" + notificationDb.url(),
                        "--spring.datasource.username=" + notificationDb.user(),
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + smtpPort,
                        "--notification.api-keys[0].environment-id=local",
                        "--notification.api-keys[0].key-sha256=" + DevApiKey.sha256Hex(apiKey),
                        options.notificationProperties()),
                Map.of("SPRING_DATASOURCE_PASSWORD", notificationDb.password()),
                logFile));
        recordPid(name, notification.pid());
        return notification;
    }

    /** The fixed arguments, then each extra property as {@code --key=value}. */
    private static List<String> springArguments(Object... parts) {
        List<String> arguments = new java.util.ArrayList<>();
        for (Object part : parts) {
            if (part instanceof Map<?, ?> properties) {
                properties.forEach((key, value) -> arguments.add("--" + key + "=" + value));
            } else {
                arguments.add(part.toString());
            }
        }
        return arguments;
    }

    private static List<String> serviceJvmOptions(String maxHeap) {
        return List.of("-Xms64m", "-Xmx" + maxHeap, "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    }

    private record Database(String url, String user, String password) {}

    /**
     * The loopback ports of every part to be started, checked free before anything starts; 0 for the parts an
     * identity-only stack does not start.
     */
    private record Ports(int postgres, int identity, int notification, int kafka, int connect, int smtp, int mailbox) {

        static Ports claim(LocalStackOptions o) {
            boolean full = !o.identityOnly();
            return new Ports(
                    claim("PostgreSQL", "POSTGRES_PORT", o.postgresPort()),
                    claim("identity-service", "IDENTITY_PORT", o.identityPort()),
                    full ? claim("notification-service", "NOTIFICATION_PORT", o.notificationPort()) : 0,
                    claim("Kafka", "KAFKA_PORT", o.kafkaPort()),
                    full ? claim("Kafka Connect", "CONNECT_PORT", o.connectPort()) : 0,
                    full ? claim("SMTP", "SMTP_PORT", o.smtpPort()) : 0,
                    full ? claim("dev mailbox", "MAILBOX_PORT", o.mailboxPort()) : 0);
        }

        private static int claim(String part, String variable, int port) {
            if (port == 0) {
                return FreePorts.next();
            }
            if (FreePorts.inUse(port)) {
                throw new StartupFailed(
                        "Port " + port + " (" + part + ") is already in use; set " + variable + " to a free port");
            }
            return port;
        }
    }
}
