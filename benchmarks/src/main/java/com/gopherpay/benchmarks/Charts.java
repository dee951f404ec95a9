package com.gopherpay.benchmarks;

import com.gopherpay.benchmarks.chart.BarChart;
import com.gopherpay.benchmarks.chart.LineChart;
import java.util.List;

/** The two charts most benchmarks draw from their measured windows: latency percentiles and throughput per second. */
final class Charts {

    private Charts() {}

    /** p50 … max of each window, the windows side by side. */
    static BarChart latency(String title, List<String> subtitle, List<LoadWindow> windows) {
        BarChart chart = new BarChart(title, subtitle, Latencies.Percentiles.LABELS, "percentile", "latency (ms)");
        for (LoadWindow window : windows) {
            chart.add(window.name(), window.latencies().percentiles().values());
        }
        return chart;
    }

    /** Successful requests in each second of each window, the windows overlaid from their start. */
    static LineChart throughput(String title, List<String> subtitle, String unit, List<LoadWindow> windows) {
        LineChart chart = new LineChart(title, subtitle, "seconds into the measured window", unit + " per second");
        for (LoadWindow window : windows) {
            chart.add(window.name(), window.timeline().points(window.length()));
        }
        return chart;
    }
}
