package com.gopherpay.benchmarks.chart;

/** One point of a line: {@code x} to the right, {@code y} upwards. */
public record Point(double x, double y) {}
