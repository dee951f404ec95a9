package com.gopherpay.benchmarks.chart;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * An axis from 0 to a round maximum, in steps of 1, 2, 2.5 or 5 times a power of ten, so that tick labels read as
 * round numbers.
 *
 * @param max the axis' upper end, at or above the largest value
 * @param step the distance between two ticks
 */
record NiceScale(double max, double step) {

    /** A scale from 0 that covers {@code largest} with about {@code ticks} steps. */
    static NiceScale covering(double largest, int ticks) {
        double top = Double.isFinite(largest) && largest > 0 ? largest : 1;
        double rough = top / Math.max(1, ticks);
        double magnitude = Math.pow(10, Math.floor(Math.log10(rough)));
        double residual = rough / magnitude;
        double nice;
        if (residual <= 1) {
            nice = 1;
        } else if (residual <= 2) {
            nice = 2;
        } else if (residual <= 2.5) {
            nice = 2.5;
        } else if (residual <= 5) {
            nice = 5;
        } else {
            nice = 10;
        }
        double step = nice * magnitude;
        return new NiceScale(Math.ceil(top / step - 1e-9) * step, step);
    }

    /** The tick values from 0 to {@link #max()}. */
    List<Double> ticks() {
        List<Double> ticks = new ArrayList<>();
        long count = Math.round(max / step);
        for (long i = 0; i <= count; i++) {
            ticks.add(i * step);
        }
        return ticks;
    }

    /** {@code value} as a position between 0 (the axis' start) and 1 (its end). */
    double fraction(double value) {
        return value / max;
    }

    /** A tick label without floating-point noise: {@code 0.3}, not {@code 0.30000000000000004}. */
    static String label(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value)
                .round(new MathContext(6))
                .stripTrailingZeros()
                .toPlainString();
    }
}
