package com.gopherpay.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one fault scenario measured, for docs/resilience.md: registrations made during the fault, addresses with no
 * email (lost) or more than one (duplicated), the latency from the 201 to the email's arrival in the dev mailbox (p50
 * and max, over the addresses that got one), named recovery times, and the machine's load when it ran. Printed as one
 * line and written to {@code target/resilience/<scenario>.txt}. A record, not an assertion.
 */
record FaultRecord(
        String scenario,
        int registrations,
        int lost,
        int duplicated,
        Duration latencyP50,
        Duration latencyMax,
        Map<String, Duration> timings,
        String machine) {

    /**
     * @param registeredAt each address registered during the fault and when its 201 came
     * @param arrivals arrival times per address (lower case), as the dev mailbox lists them
     * @param timings named recovery times, in the order to print them
     */
    static FaultRecord of(
            String scenario,
            Map<String, Instant> registeredAt,
            Map<String, List<Instant>> arrivals,
            Map<String, Duration> timings) {
        int lost = 0;
        int duplicated = 0;
        List<Duration> latencies = new ArrayList<>();
        for (Map.Entry<String, Instant> registration : registeredAt.entrySet()) {
            List<Instant> received = arrivals.getOrDefault(registration.getKey().toLowerCase(Locale.ROOT), List.of());
            if (received.isEmpty()) {
                lost++;
                continue;
            }
            if (received.size() > 1) {
                duplicated++;
            }
            Instant first = received.stream().min(Instant::compareTo).orElseThrow();
            latencies.add(Duration.between(registration.getValue(), first));
        }
        latencies.sort(Duration::compareTo);
        return new FaultRecord(
                scenario,
                registeredAt.size(),
                lost,
                duplicated,
                latencies.isEmpty() ? null : latencies.get((latencies.size() - 1) / 2),
                latencies.isEmpty() ? null : latencies.get(latencies.size() - 1),
                new LinkedHashMap<>(timings),
                currentMachine());
    }

    /** The latest arrival among {@code addresses}' first emails, or null while one has none. */
    static Instant lastFirstArrival(Iterable<String> addresses, Map<String, List<Instant>> arrivals) {
        Instant last = null;
        for (String address : addresses) {
            List<Instant> received = arrivals.getOrDefault(address.toLowerCase(Locale.ROOT), List.of());
            if (received.isEmpty()) {
                return null;
            }
            Instant first = received.stream().min(Instant::compareTo).orElseThrow();
            last = last == null || first.isAfter(last) ? first : last;
        }
        return last;
    }

    String line() {
        StringBuilder line = new StringBuilder()
                .append(scenario)
                .append(": registrations=")
                .append(registrations)
                .append(" lost=")
                .append(lost)
                .append(" duplicated=")
                .append(duplicated)
                .append(" latency(201→mail) p50=")
                .append(seconds(latencyP50))
                .append(" max=")
                .append(seconds(latencyMax));
        timings.forEach(
                (name, took) -> line.append(" | ").append(name).append("=").append(seconds(took)));
        return line.append(" | machine: ").append(machine).toString();
    }

    /** Prints the line and writes it to {@code <directory>/<scenario>.txt}. */
    void publish(Path directory) throws IOException {
        System.out.println("[resilience] " + line());
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(scenario + ".txt"), line() + System.lineSeparator());
    }

    private static String seconds(Duration duration) {
        return duration == null ? "n/a" : String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }

    /** Cores, the load averages of the last 1/5/15 minutes and the time: the machine is shared. */
    private static String currentMachine() {
        String load;
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
            load = fields[0] + "/" + fields[1] + "/" + fields[2];
        } catch (IOException | RuntimeException e) {
            load = "unknown";
        }
        return Runtime.getRuntime().availableProcessors() + " cores, load " + load + " (1/5/15 min) at "
                + Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    }
}
