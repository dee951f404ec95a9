package com.gopherpay.benchmarks.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What every benchmark chart has: a title, subtitle lines (the machine line, so that charts from different machines
 * are never compared by accident), a legend, a y axis from 0 with round ticks, an x axis and their labels. Subclasses
 * draw the x axis' ticks and the series.
 */
public abstract sealed class Chart permits BarChart, LineChart {

    static final double WIDTH = 960;
    static final double HEIGHT = 560;
    private static final double LEFT = 80;
    private static final double RIGHT = 30;
    private static final double BOTTOM = 64;
    private static final double TITLE_BASELINE = 26;
    private static final double LINE_HEIGHT = 15;
    /** Subtitle characters that fit in one line at its font size; longer lines wrap at a space. */
    static final int SUBTITLE_CHARACTERS = 140;

    private static final List<String> PALETTE =
            List.of("#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f");

    private final String title;
    private final List<String> subtitle;
    private final String xLabel;
    private final String yLabel;

    Chart(String title, List<String> subtitle, String xLabel, String yLabel) {
        this.title = title;
        this.subtitle = List.copyOf(subtitle);
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** The chart as a standalone SVG document. */
    public final String render() {
        Svg svg = new Svg(WIDTH, HEIGHT);
        svg.element("rect", "class", "background", "width", "100%", "height", "100%", "fill", "white");
        double baseline = TITLE_BASELINE;
        svg.text(
                title,
                "class",
                "title",
                "x",
                Svg.number(LEFT),
                "y",
                Svg.number(baseline),
                "font-size",
                "17",
                "font-weight",
                "bold");
        for (String line : wrapped(subtitle)) {
            baseline += LINE_HEIGHT;
            svg.text(
                    line,
                    "class",
                    "subtitle",
                    "x",
                    Svg.number(LEFT),
                    "y",
                    Svg.number(baseline),
                    "font-size",
                    "11",
                    "fill",
                    "#444");
        }
        baseline = drawLegend(svg, baseline + LINE_HEIGHT + 6);
        double top = baseline + 22;
        Plot plot = new Plot(LEFT, top, WIDTH - LEFT - RIGHT, HEIGHT - top - BOTTOM);
        NiceScale y = NiceScale.covering(largestValue(), 8);
        drawYAxis(svg, plot, y);
        svg.group("axis x");
        svg.element(
                "line",
                "x1",
                Svg.number(plot.left()),
                "y1",
                Svg.number(plot.bottom()),
                "x2",
                Svg.number(plot.right()),
                "y2",
                Svg.number(plot.bottom()),
                "stroke",
                "black");
        drawXTicks(svg, plot);
        svg.text(
                xLabel,
                "class",
                "label",
                "x",
                Svg.number(plot.left() + plot.width() / 2),
                "y",
                Svg.number(HEIGHT - 16),
                "text-anchor",
                "middle",
                "font-size",
                "12");
        svg.close();
        if (seriesNames().isEmpty()) {
            svg.text(
                    "no data",
                    "class",
                    "empty",
                    "x",
                    Svg.number(plot.left() + plot.width() / 2),
                    "y",
                    Svg.number(plot.top() + plot.height() / 2),
                    "text-anchor",
                    "middle",
                    "fill",
                    "#888");
        }
        drawSeries(svg, plot, y);
        return svg.finish();
    }

    /** Writes {@link #render()} to {@code file}, creating its directory. */
    public final void writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, render(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the chart " + file, e);
        }
    }

    /** The largest y value of all series (the y axis starts at 0). */
    abstract double largestValue();

    /** The series' names, in the order they are drawn and coloured. */
    abstract List<String> seriesNames();

    abstract void drawXTicks(Svg svg, Plot plot);

    abstract void drawSeries(Svg svg, Plot plot, NiceScale y);

    /** The subtitle lines, each too long for the chart broken at its last space that fits. */
    static List<String> wrapped(List<String> lines) {
        List<String> wrapped = new ArrayList<>();
        for (String line : lines) {
            String rest = line;
            while (rest.length() > SUBTITLE_CHARACTERS) {
                int space = rest.lastIndexOf(' ', SUBTITLE_CHARACTERS);
                int cut = space > 0 ? space : SUBTITLE_CHARACTERS;
                wrapped.add(rest.substring(0, cut));
                rest = "    " + rest.substring(cut).strip();
            }
            wrapped.add(rest);
        }
        return wrapped;
    }

    static String colour(int series) {
        return PALETTE.get(series % PALETTE.size());
    }

    /** Draws one entry per series, in rows as wide as the chart; returns the baseline of the last row. */
    private double drawLegend(Svg svg, double baseline) {
        svg.group("legend");
        double x = LEFT;
        List<String> names = seriesNames();
        for (int i = 0; i < names.size(); i++) {
            double width = 40 + 7.0 * names.get(i).length();
            if (x > LEFT && x + width > WIDTH - RIGHT) {
                x = LEFT;
                baseline += LINE_HEIGHT + 3;
            }
            svg.element(
                    "rect",
                    "x",
                    Svg.number(x),
                    "y",
                    Svg.number(baseline - 10),
                    "width",
                    "12",
                    "height",
                    "12",
                    "fill",
                    colour(i));
            svg.text(
                    names.get(i),
                    "class",
                    "legend-entry",
                    "x",
                    Svg.number(x + 17),
                    "y",
                    Svg.number(baseline),
                    "font-size",
                    "12");
            x += width;
        }
        svg.close();
        return baseline;
    }

    private void drawYAxis(Svg svg, Plot plot, NiceScale y) {
        svg.group("axis y");
        svg.element(
                "line",
                "x1",
                Svg.number(plot.left()),
                "y1",
                Svg.number(plot.top()),
                "x2",
                Svg.number(plot.left()),
                "y2",
                Svg.number(plot.bottom()),
                "stroke",
                "black");
        for (double tick : y.ticks()) {
            double position = plot.yAt(y.fraction(tick));
            svg.element(
                    "line",
                    "class",
                    "grid",
                    "x1",
                    Svg.number(plot.left()),
                    "y1",
                    Svg.number(position),
                    "x2",
                    Svg.number(plot.right()),
                    "y2",
                    Svg.number(position),
                    "stroke",
                    "#e4e4e4");
            svg.text(
                    NiceScale.label(tick),
                    "class",
                    "tick",
                    "x",
                    Svg.number(plot.left() - 6),
                    "y",
                    Svg.number(position + 4),
                    "text-anchor",
                    "end",
                    "font-size",
                    "11");
        }
        double middle = plot.top() + plot.height() / 2;
        svg.text(
                yLabel,
                "class",
                "label",
                "x",
                "18",
                "y",
                Svg.number(middle),
                "text-anchor",
                "middle",
                "font-size",
                "12",
                "transform",
                "rotate(-90 18 " + Svg.number(middle) + ")");
        svg.close();
    }
}
