package com.gopherpay.localstack;

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
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The stack started exactly as the README says ({@code java -jar local-stack/target/local-stack.jar}), on free ports. */
final class LaunchedStack implements AutoCloseable {

    final Process process;
    final List<String> output = Collections.synchronizedList(new ArrayList<>());
    final Map<String, String> ports;

    private LaunchedStack(Process process, Map<String, String> ports) {
        this.process = process;
        this.ports = ports;
        Thread reader = new Thread(this::readOutput, "stack-output");
        reader.setDaemon(true);
        reader.start();
    }

    static LaunchedStack launch(Map<String, String> overrides, String... arguments) throws IOException {
        Path jar =
                Path.of(System.getProperty("gopherpay.stack.dir")).getParent().resolve("local-stack.jar");
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "GOPHERPAY_DATA_DIR", Files.createTempDirectory("gopherpay-e2e").toString(),
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
        return new LaunchedStack(builder.start(), env);
    }

    void awaitReady(Duration timeout) {
        await("the stack's ready banner")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("The stack exited early:\n" + String.join("\n", output));
                    }
                    return output.stream().anyMatch(line -> line.contains("GopherPay Identity is running"));
                });
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

    /** SIGTERM, as Ctrl-C or a service manager would send it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }
}
