package com.gopherpay.benchmarks.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Lines over a numeric x axis from 0, such as requests per second over the seconds of a run. */
public final class LineChart extends Chart {

    /** Up to this many points a line also marks each point, so a short run's buckets can be counted. */
    private static final int MARKED_POINTS = 90;

    private final Map<String, List<Point>> series = new LinkedHashMap<>();

    public LineChart(String title, List<String> subtitle, String xLabel, String yLabel) {
        super(title, subtitle, xLabel, yLabel);
    }

    /** Adds a line; its points are drawn in the order given. */
    public LineChart add(String name, List<Point> points) {
        if (series.containsKey(name)) {
            throw new IllegalArgumentException("Two series named " + name);
        }
        series.put(name, List.copyOf(points));
        return this;
    }

    @Override
    double largestValue() {
        return series.values().stream()
                .flatMap(List::stream)
                .mapToDouble(Point::y)
                .max()
                .orElse(0);
    }

    @Override
    List<String> seriesNames() {
        return List.copyOf(series.keySet());
    }

    private NiceScale xScale() {
        return NiceScale.covering(
                series.values().stream()
                        .flatMap(List::stream)
                        .mapToDouble(Point::x)
                        .max()
                        .orElse(0),
                10);
    }

    @Override
    void drawXTicks(Svg svg, Plot plot) {
        NiceScale x = xScale();
        for (double tick : x.ticks()) {
            double position = plot.xAt(x.fraction(tick));
            svg.element(
                    "line",
                    "x1",
                    Svg.number(position),
                    "y1",
                    Svg.number(plot.bottom()),
                    "x2",
                    Svg.number(position),
                    "y2",
                    Svg.number(plot.bottom() + 5),
                    "stroke",
                    "black");
            svg.text(
                    NiceScale.label(tick),
                    "class",
                    "tick",
                    "x",
                    Svg.number(position),
                    "y",
                    Svg.number(plot.bottom() + 18),
                    "text-anchor",
                    "middle",
                    "font-size",
                    "11");
        }
    }

    @Override
    void drawSeries(Svg svg, Plot plot, NiceScale y) {
        NiceScale x = xScale();
        int index = 0;
        for (Map.Entry<String, List<Point>> line : series.entrySet()) {
            String colour = colour(index++);
            svg.group("series", "data-name", line.getKey());
            List<String> coordinates = new ArrayList<>();
            for (Point point : line.getValue()) {
                coordinates.add(Svg.number(plot.xAt(x.fraction(point.x()))) + ","
                        + Svg.number(plot.yAt(y.fraction(point.y()))));
            }
            svg.element(
                    "polyline",
                    "points",
                    coordinates.stream().collect(Collectors.joining(" ")),
                    "fill",
                    "none",
                    "stroke",
                    colour,
                    "stroke-width",
                    "2");
            if (line.getValue().size() <= MARKED_POINTS) {
                for (String coordinate : coordinates) {
                    String[] xy = coordinate.split(",");
                    svg.element("circle", "cx", xy[0], "cy", xy[1], "r", "2.5", "fill", colour);
                }
            }
            svg.close();
        }
    }
}
