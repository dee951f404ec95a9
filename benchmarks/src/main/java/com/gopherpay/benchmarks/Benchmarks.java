package com.gopherpay.benchmarks;

import java.util.Map;

/** {@code Benchmarks <name> [--option value …]}: runs one load generator and prints its figures. */
public final class Benchmarks {

    private Benchmarks() {}

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println(
                    "Usage: Benchmarks registration|registration-cost|sign-in|end-to-end|notification|connector|footprint"
                            + " [--option value …]");
            System.exit(2);
        }
        Options options = Options.parse(args);
        Map<String, Benchmark> benchmarks = Map.of(
                "registration", new RegistrationBenchmark(),
                "registration-cost", new RegistrationCostBenchmark(),
                "sign-in", new SignInBenchmark(),
                "end-to-end", new EndToEndLatencyBenchmark(),
                "notification", new NotificationThroughputBenchmark(),
                "connector", new ConnectorThroughputBenchmark(),
                "footprint", new StackFootprintBenchmark());
        Benchmark benchmark = benchmarks.get(args[0]);
        if (benchmark == null) {
            System.err.println("Unknown benchmark " + args[0] + "; one of " + benchmarks.keySet());
            System.exit(2);
        }
        System.out.println(MachineInfo.describe());
        benchmark.run(options);
        System.exit(0);
    }

    interface Benchmark {
        void run(Options options) throws Exception;
    }
}
