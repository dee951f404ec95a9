package com.gopherpay.benchmarks.chart;

/** The plotting area in SVG coordinates; y grows downwards, so {@link #yAt} turns a fraction into a height. */
record Plot(double left, double top, double width, double height) {

    double right() {
        return left + width;
    }

    double bottom() {
        return top + height;
    }

    double xAt(double fraction) {
        return left + fraction * width;
    }

    double yAt(double fraction) {
        return bottom() - fraction * height;
    }
}
