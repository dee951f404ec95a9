package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.gopherpay.embedded.FreePorts;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.io.FileUtils;
import org.awaitility.core.ConditionTimeoutException;

/** The stack started exactly as the README says ({@code java -jar local-stack/target/local-stack.jar}), on free ports. */
final class LaunchedStack implements AutoCloseable {

    /** Lines of each part's log that a start failure shows. */
    private static final int LOG_TAIL_LINES = 60;

    final Process process;
    final List<String> output = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> ports;
    /**
     * Every process seen under the launcher while it ran (they outlive it only if it fails to stop them), with its last
     * command line seen.
     */
    private final Map<ProcessHandle, String> descendantsSeen = new ConcurrentHashMap<>();

    private final Path temporaryDataDirectory;

    private LaunchedStack(Process process, Map<String, String> ports, Path temporaryDataDirectory) {
        this.process = process;
        this.ports = ports;
        this.temporaryDataDirectory = temporaryDataDirectory;
        Thread reader = new Thread(this::readOutput, "stack-output");
        reader.setDaemon(true);
        reader.start();
        ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "stack-descendants");
            thread.setDaemon(true);
            return thread;
        });
        watcher.scheduleWithFixedDelay(this::recordDescendants, 0, 100, TimeUnit.MILLISECONDS);
        process.onExit().thenRun(watcher::shutdown);
    }

    /**
     * Launches the stack on free ports, in a temporary data directory (deleted by {@link #close()}) unless
     * {@code overrides} names one.
     */
    static LaunchedStack launch(Map<String, String> overrides, String... arguments) throws IOException {
        Path jar =
                Path.of(System.getProperty("gopherpay.stack.dir")).getParent().resolve("local-stack.jar");
        Path temporaryData =
                overrides.containsKey("GOPHERPAY_DATA_DIR") ? null : Files.createTempDirectory("gopherpay-e2e");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "GOPHERPAY_DATA_DIR", String.valueOf(temporaryData),
                "IDENTITY_PORT", String.valueOf(FreePorts.next()),
                "NOTIFICATION_PORT", String.valueOf(FreePorts.next()),
                "KAFKA_PORT", String.valueOf(FreePorts.next()),
                "CONNECT_PORT", String.valueOf(FreePorts.next()),
                "SMTP_PORT", String.valueOf(FreePorts.next()),
                "MAILBOX_PORT", String.valueOf(FreePorts.next())));
        env.putAll(overrides);
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        return new LaunchedStack(builder.start(), env, temporaryData);
    }

    /** Whether one of the launcher's processes runs a command line containing {@code part}. */
    boolean runs(String part) {
        return process.descendants()
                .anyMatch(child -> child.info().commandLine().orElse("").contains(part));
    }

    /** Whether a process whose command line contains {@code part} ran under the launcher at some point. */
    boolean ran(String part) {
        return descendantsSeen.values().stream().anyMatch(commandLine -> commandLine.contains(part));
    }

    /** The processes seen running under the launcher that are still alive. */
    List<String> survivors() {
        return descendantsSeen.entrySet().stream()
                .filter(seen -> seen.getKey().isAlive())
                .map(seen -> seen.getKey().pid() + " " + seen.getValue())
                .toList();
    }

    private void recordDescendants() {
        process.descendants()
                .forEach(child -> child.info()
                        .commandLine()
                        .ifPresentOrElse(
                                commandLine -> descendantsSeen.put(child, commandLine),
                                () -> descendantsSeen.putIfAbsent(child, "?")));
    }

    /**
     * Waits for the ready banner. If the stack exits first or the time runs out, the failure carries the launcher's
     * output and the end of the logs it names (of every part's log when it names none): the data directory, and with
     * it the logs, is deleted when the test closes the stack.
     */
    void awaitReady(Duration timeout) {
        try {
            await("the stack's ready banner")
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("The stack exited early:\n" + outputText() + logTails());
                        }
                        return output.stream().anyMatch(line -> line.contains("GopherPay Identity is running"));
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(
                    "The stack was not ready within " + timeout + ":\n" + outputText() + logTails(), e);
        }
    }

    /** The last lines of the part logs that the launcher's output names, or of all of them if it names none. */
    private String logTails() {
        Path logs = dataDirectory().resolve("logs");
        List<Path> files;
        try (var listing = Files.list(logs)) {
            files = listing.filter(file -> file.toString().endsWith(".log"))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            return "\n\n(no logs in " + logs + ": " + e.getMessage() + ")";
        }
        String text = outputText();
        List<Path> named = files.stream()
                .filter(file -> text.contains(file.getFileName().toString()))
                .toList();
        StringBuilder tails = new StringBuilder();
        for (Path file : named.isEmpty() ? files : named) {
            tails.append("\n\n--- last lines of ").append(file).append(" ---\n");
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                tails.append(String.join(
                        "\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size())));
            } catch (IOException | RuntimeException e) {
                tails.append("(unreadable: ").append(e.getMessage()).append(')');
            }
        }
        return tails.toString();
    }

    /** The stack's data directory (the dev API key, {@code logs/} with every part's log). */
    Path dataDirectory() {
        return Path.of(ports.get("GOPHERPAY_DATA_DIR"));
    }

    /** The launcher's child JVM (a service instance, a Connect worker) whose command line has {@code argument}. */
    ProcessHandle childWithArgument(String argument) {
        return process.descendants()
                .filter(child ->
                        List.of(child.info().arguments().orElse(new String[0])).contains(argument))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no process of the stack runs with " + argument));
    }

    /** The URLs on one line of the ready banner ("Identity instances", "Kafka Connect"), as base URLs. */
    List<URI> bannerUrls(String label) {
        // The banner pads each label to 18 characters ("Kafka" must not match "Kafka Connect").
        Matcher line = Pattern.compile(
                        "^" + Pattern.quote(String.format("  %-18s ", label)) + "(\\S.*)$", Pattern.MULTILINE)
                .matcher(outputText());
        if (!line.find()) {
            throw new AssertionError(label + " is not in the banner:\n" + outputText());
        }
        return Arrays.stream(line.group(1).strip().split("\\s+"))
                .map(url -> URI.create(url).resolve("/"))
                .toList();
    }

    URI url(String portVariable, String path) {
        return URI.create("http://127.0.0.1:" + ports.get(portVariable) + path);
    }

    String outputText() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private void readOutput() {
        try (BufferedReader reader =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                output.add(line);
            }
        } catch (IOException e) {
            // The process ended; what it printed is kept.
        }
    }

    /**
     * SIGTERM, as Ctrl-C or a service manager would send it, and up to a minute for the launcher to stop its parts.
     *
     * @return the launcher's exit code
     */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("The stack did not stop within 60 s after SIGTERM:\n" + outputText()
                    + "\n\nThe launcher's threads:\n" + threadDump());
        }
        return process.exitValue();
    }

    /**
     * {@link #stop()}, then checks what a user's Ctrl-C must leave: exit code 0 or 143 and, within 30 s, no process of
     * the stack; closes the stack whatever the outcome.
     */
    void stopAndCheckNothingIsLeft() throws InterruptedException {
        try {
            assertThat(stop()).as("exit code after SIGTERM").isIn(0, 143);
            await("every process of the stack gone")
                    .atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(survivors()).isEmpty());
        } finally {
            close();
        }
    }

    /** The launcher's thread dump ({@code jstack}), to tell why it did not stop. */
    private String threadDump() {
        try {
            Process jstack = new ProcessBuilder(
                            Path.of(System.getProperty("java.home"), "bin", "jstack")
                                    .toString(),
                            String.valueOf(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            String dump = new String(jstack.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jstack.waitFor(30, TimeUnit.SECONDS);
            return dump;
        } catch (IOException e) {
            return "(jstack failed: " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted)";
        }
    }

    /**
     * Stops the launcher if it still runs, kills anything it left behind (tests assert there is nothing, before), and
     * deletes the temporary data directory.
     */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        recordDescendants();
        descendantsSeen.keySet().forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle leftover : descendantsSeen.keySet()) {
            leftover.onExit().completeOnTimeout(leftover, 10, TimeUnit.SECONDS).join();
        }
        if (temporaryDataDirectory != null) {
            FileUtils.deleteQuietly(temporaryDataDirectory.toFile());
        }
    }
}
