package com.gopherpay.benchmarks;

import java.util.Map;
import java.util.TreeSet;

/**
 * {@code Benchmarks <name> [--option value …]}: runs one load generator, prints its figures after the machine line,
 * and writes them with its charts to {@code --out DIR} (by default {@code benchmarks/target/results/<name>-<time>/}).
 */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        Map<String, Benchmark> benchmarks = Map.of(
                "registration", new RegistrationBenchmark(),
                "registration-cost", new RegistrationCostBenchmark(),
                "sign-in", new SignInBenchmark(),
                "end-to-end", new EndToEndLatencyBenchmark(),
                "notification", new NotificationThroughputBenchmark(),
                "connector", new ConnectorThroughputBenchmark(),
                "footprint", new StackFootprintBenchmark());
        if (args.length == 0 || !benchmarks.containsKey(args[0])) {
            System.err.println("Usage: Benchmarks " + String.join("|", new TreeSet<>(benchmarks.keySet()))
                    + " [--out DIR] [--label TEXT] [--option value …]");
            System.exit(2);
        }
        Options options = Options.parse(args);
        try (Results results = Results.open(
                options.string("out", null), args[0], MachineInfo.describe(), options.string("label", null))) {
            try {
                benchmarks.get(args[0]).run(options, results);
            } catch (Exception e) {
                System.out.println("benchmark failed: " + e);
                throw e;
            }
        }
        System.exit(0);
    }

    interface Benchmark {
        void run(Options options, Results results) throws Exception;
    }
}
