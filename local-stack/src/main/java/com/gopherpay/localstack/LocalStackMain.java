package com.gopherpay.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * {@code java -jar local-stack/target/local-stack.jar [--fresh] [--cluster] [--fault-injection]}: starts the stack (the
 * cluster topology with {@code --cluster}; the SMTP control of the resilience tests with {@code --fault-injection}),
 * prints where to go, and runs until Ctrl-C (SIGINT) or SIGTERM, which stop every part in reverse order.
 */
public final class LocalStackMain {

    private LocalStackMain() {}

    public static void main(String[] args) {
        List<String> arguments = List.of(args);
        if (arguments.contains("--help") || arguments.contains("-h")) {
            System.out.println(usage());
            return;
        }
        for (String argument : arguments) {
            if (!List.of("--fresh", "--cluster", "--fault-injection").contains(argument)) {
                System.err.println("local-stack: unknown option " + argument + "\n" + usage());
                System.exit(2);
            }
        }
        Instant begin = Instant.now();
        LocalStack stack = new LocalStack();
        AtomicBoolean stopRequested = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        // Registered before anything starts: a Ctrl-C during the start must stop what has started so far, too.
        Thread shutdownHook = new Thread(
                () -> {
                    stopRequested.set(true);
                    System.out.println("\nStopping the GopherPay local stack…");
                    stack.close();
                    stopped.countDown();
                },
                "local-stack-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            LocalStackOptions options = LocalStackOptions.fromEnvironment(
                    System.getenv(), arguments.contains("--fresh"), StackLayout.defaultStackDirectory());
            if (arguments.contains("--cluster")) {
                options = options.withCluster();
            }
            if (arguments.contains("--fault-injection")) {
                options = options.withFaultInjection();
            }
            stack.startAll(options);
        } catch (RuntimeException e) {
            if (stopRequested.get()) {
                return; // stopped by a signal while starting; the shutdown hook stops what had started
            }
            // startAll has already stopped every part; nothing is left for the hook to say or do.
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException shutdownUnderWay) {
                return;
            }
            System.err.println("local-stack: " + oneLineReason(e));
            System.exit(1);
            return;
        }
        System.out.println(banner(stack.summary(), Duration.between(begin, Instant.now())));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The reason a user sees: a {@link StartupFailed} message is written for them; any other failure (a bug, or a
     * server library's exception) is its message followed by its root cause's, folded onto one line.
     */
    static String oneLineReason(Throwable failure) {
        String reason = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (!(failure instanceof StartupFailed)) {
            Throwable root = failure;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            String rootMessage = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
            if (root != failure && !reason.contains(rootMessage)) {
                reason = reason + ": " + rootMessage;
            }
        }
        return reason.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String banner(Map<String, String> summary, Duration startup) {
        StringBuilder out = new StringBuilder();
        out.append("\nGopherPay Identity is running (ready in ")
                .append(String.format("%.1f", startup.toMillis() / 1000.0))
                .append(" s)\n\n");
        summary.forEach((what, where) -> out.append(String.format("  %-18s %s%n", what, where)));
        out.append("\nCtrl-C stops everything.\n");
        return out.toString();
    }

    private static String usage() {
        return """
                Usage: java -jar local-stack/target/local-stack.jar [--fresh] [--cluster] [--fault-injection]
                  --fresh     start with an empty data directory
                  --cluster   3 KRaft brokers (RF 3, min.insync.replicas=2, one JVM each), 2 distributed Connect
                              workers, 2 identity-service and 2 notification-service instances behind balancers on
                              IDENTITY_PORT and NOTIFICATION_PORT
                  --fault-injection
                              for resilience tests: PUT /control/smtp {"accepting":false|true} on the dev mailbox
                              takes the SMTP server down and brings it back on the same port
                Environment: GOPHERPAY_DATA_DIR (default .local-stack), DATABASE_URL/DATABASE_USER/DATABASE_PASSWORD,
                  IDENTITY_PORT (8080), NOTIFICATION_PORT (3000), KAFKA_PORT (9092), CONNECT_PORT (8083),
                  SMTP_PORT (1025), MAILBOX_PORT (8025), POSTGRES_PORT (any free)""";
    }
}
