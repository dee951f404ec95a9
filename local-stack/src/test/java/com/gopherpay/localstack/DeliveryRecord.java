package com.gopherpay.localstack;

import com.gopherpay.localstack.MailboxApi.Arrival;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one fault scenario did to the mail of the addresses it registered: how many got none (lost), more than one
 * (duplicated), and how long each first email took from the 201 to its arrival in the dev mailbox. It is a record,
 * not an assertion: the test asserts on {@link #lost()} and {@link #duplicated()}, the figures go to
 * {@code target/resilience/<scenario>.txt} and one line of the test's output.
 */
final class DeliveryRecord {

    private final String scenario;
    private final int addresses;
    private final List<String> lost = new ArrayList<>();
    private final Map<String, List<Arrival>> duplicated = new LinkedHashMap<>();
    private final List<Duration> latencies = new ArrayList<>();
    private final Map<String, String> facts = new LinkedHashMap<>();

    /**
     * @param acceptedAt each address owed exactly one email, with when its registration was answered (null when that
     *     time does not bound the email, e.g. a 409 on a retry: its email may arrive before that answer)
     * @param arrivals the dev mailbox's arrival times by address, lower case
     */
    DeliveryRecord(String scenario, Map<String, Instant> acceptedAt, Map<String, List<Arrival>> arrivals) {
        this.scenario = scenario;
        this.addresses = acceptedAt.size();
        acceptedAt.forEach((email, accepted) -> {
            List<Arrival> arrived = new ArrayList<>(arrivals.getOrDefault(email.toLowerCase(Locale.ROOT), List.of()));
            arrived.sort(Comparator.comparing(Arrival::at));
            if (arrived.isEmpty()) {
                lost.add(email);
                return;
            }
            if (arrived.size() > 1) {
                duplicated.put(email, arrived);
            }
            if (accepted != null) {
                latencies.add(Duration.between(accepted, arrived.get(0).at()));
            }
        });
    }

    /** Adds a named figure to the record (a recovery time, how many retries, the queue at the kill). */
    DeliveryRecord with(String name, Object value) {
        facts.put(name, String.valueOf(value));
        return this;
    }

    List<String> lost() {
        return lost;
    }

    /** Addresses with more than one email, with every arrival. */
    Map<String, List<Arrival>> duplicated() {
        return duplicated;
    }

    /**
     * Duplicates that are one message sent twice (every copy has the same Message-ID, which notification-service
     * derives from its message id): the SMTP server accepted it, and the instance that sent it died before it could
     * record that, so another sent it again. Receivers can drop such a copy by its Message-ID.
     */
    Map<String, List<Arrival>> resent() {
        Map<String, List<Arrival>> resent = new LinkedHashMap<>();
        duplicated.forEach((email, arrived) -> {
            if (arrived.stream().map(Arrival::messageId).distinct().count() == 1) {
                resent.put(email, arrived);
            }
        });
        return resent;
    }

    /** Duplicates that are distinct messages (different Message-IDs): a trigger accepted twice. */
    Map<String, List<Arrival>> distinctMessages() {
        Map<String, List<Arrival>> distinct = new LinkedHashMap<>(duplicated);
        distinct.keySet().removeAll(resent().keySet());
        return distinct;
    }

    /** The record on one line. */
    String line() {
        List<Duration> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        StringBuilder line = new StringBuilder(scenario)
                .append(": addresses=")
                .append(addresses)
                .append(" lost=")
                .append(lost.size())
                .append(" duplicated=")
                .append(duplicated.size())
                .append(" (resent=")
                .append(resent().size())
                .append(" distinct=")
                .append(distinctMessages().size())
                .append(')');
        if (!sorted.isEmpty()) {
            line.append(" latency(201->mailbox) p50=")
                    .append(seconds(sorted.get((sorted.size() - 1) / 2)))
                    .append(" max=")
                    .append(seconds(sorted.get(sorted.size() - 1)));
        }
        facts.forEach((name, value) -> line.append(' ').append(name).append('=').append(value));
        line.append(" load=")
                .append(loadAverage())
                .append(" cpus=")
                .append(Runtime.getRuntime().availableProcessors());
        line.append(" at=").append(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        return line.toString();
    }

    /** Prints the line and writes it to {@code <directory>/<scenario>.txt}. */
    void write(Path directory) throws IOException {
        String line = line();
        System.out.println("[resilience] " + line);
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(scenario + ".txt"), line + System.lineSeparator());
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }

    /** The 1-, 5- and 15-minute load averages: the machine is shared, the figures mean little without them. */
    private static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            return fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
