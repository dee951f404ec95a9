package com.gopherpay.benchmarks.chart;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bars grouped by category, one bar per series in each group, such as latency percentiles (the categories) of the
 * java and native runs (the series) side by side. Each bar carries its value.
 */
public final class BarChart extends Chart {

    private final List<String> categories;
    private final Map<String, List<Double>> series = new LinkedHashMap<>();

    public BarChart(String title, List<String> subtitle, List<String> categories, String xLabel, String yLabel) {
        super(title, subtitle, xLabel, yLabel);
        if (categories.isEmpty()) {
            throw new IllegalArgumentException("A bar chart needs at least one category");
        }
        this.categories = List.copyOf(categories);
    }

    /** Adds one bar per category; {@code values} are in the order of the categories. */
    public BarChart add(String name, List<Double> values) {
        if (values.size() != categories.size()) {
            throw new IllegalArgumentException(
                    name + " has " + values.size() + " values for " + categories.size() + " categories");
        }
        if (series.containsKey(name)) {
            throw new IllegalArgumentException("Two series named " + name);
        }
        series.put(name, List.copyOf(values));
        return this;
    }

    @Override
    double largestValue() {
        return series.values().stream()
                .flatMap(List::stream)
                .mapToDouble(Double::doubleValue)
                .filter(Double::isFinite)
                .max()
                .orElse(0);
    }

    @Override
    List<String> seriesNames() {
        return List.copyOf(series.keySet());
    }

    private double groupWidth(Plot plot) {
        return plot.width() / categories.size();
    }

    @Override
    void drawXTicks(Svg svg, Plot plot) {
        for (int i = 0; i < categories.size(); i++) {
            double middle = plot.left() + (i + 0.5) * groupWidth(plot);
            svg.text(
                    categories.get(i),
                    "class",
                    "tick",
                    "x",
                    Svg.number(middle),
                    "y",
                    Svg.number(plot.bottom() + 18),
                    "text-anchor",
                    "middle",
                    "font-size",
                    "12");
        }
    }

    @Override
    void drawSeries(Svg svg, Plot plot, NiceScale y) {
        double group = groupWidth(plot);
        double bar = group * 0.8 / Math.max(1, series.size());
        int index = 0;
        for (Map.Entry<String, List<Double>> bars : series.entrySet()) {
            svg.group("series", "data-name", bars.getKey());
            for (int i = 0; i < categories.size(); i++) {
                double value = bars.getValue().get(i);
                double height = Double.isFinite(value) ? Math.max(0, y.fraction(value)) * plot.height() : 0;
                double x = plot.left() + i * group + group * 0.1 + index * bar;
                svg.element(
                        "rect",
                        "x",
                        Svg.number(x),
                        "y",
                        Svg.number(plot.bottom() - height),
                        "width",
                        Svg.number(bar - 2),
                        "height",
                        Svg.number(height),
                        "fill",
                        colour(index));
                svg.text(
                        Double.isFinite(value) ? NiceScale.label(roundToTenth(value)) : "n/a",
                        "class",
                        "value",
                        "x",
                        Svg.number(x + bar / 2 - 1),
                        "y",
                        Svg.number(plot.bottom() - height - 4),
                        "text-anchor",
                        "middle",
                        "font-size",
                        "10");
            }
            svg.close();
            index++;
        }
    }

    /** Three or four significant digits are enough to read a bar, and keep neighbouring labels apart. */
    private static double roundToTenth(double value) {
        return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10.0;
    }
}
