package com.gopherpay.benchmarks;

/**
 * Issue #14's two ratios for one operation measured with both hashers in one run: the throughput gain of native over
 * java divided by the single-hash gain (target ≥ 90 %), and the native throughput's share of the native hash bound
 * (target ≥ 85 %).
 */
record HasherComparison(
        String operation, HashBound javaBound, double javaThroughput, HashBound nativeBound, double nativeThroughput) {

    static final double GAIN_TARGET = 0.90;
    static final double BOUND_TARGET = 0.85;

    /** How many times faster one native hash is than one Bouncy Castle hash. */
    double hashGain() {
        return javaBound.singleMillis() / nativeBound.singleMillis();
    }

    /** How many times more requests per second the native run served. */
    double throughputGain() {
        return nativeThroughput / javaThroughput;
    }

    double gainShare() {
        return throughputGain() / hashGain();
    }

    double nativeBoundShare() {
        return nativeThroughput / nativeBound.bound();
    }

    void print() {
        System.out.printf(
                "%njava vs native %s in this run: single hash %.1f ms vs %.1f ms = %.2fx; %.1f/s vs %.1f/s = %.2fx%n",
                operation,
                javaBound.singleMillis(),
                nativeBound.singleMillis(),
                hashGain(),
                javaThroughput,
                nativeThroughput,
                throughputGain());
        System.out.printf(
                "RATIO %s throughput gain / single-hash gain = %.0f%% (target >= %.0f%%)%n",
                operation, 100 * gainShare(), 100 * GAIN_TARGET);
        System.out.printf(
                "RATIO native %s/s / native hash bound (%d cores / %.1f ms = %.1f/s) = %.0f%% (target >= %.0f%%)%n",
                operation,
                nativeBound.cores(),
                nativeBound.singleMillis(),
                nativeBound.bound(),
                100 * nativeBoundShare(),
                100 * BOUND_TARGET);
    }
}
