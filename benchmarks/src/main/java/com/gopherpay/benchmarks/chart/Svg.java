package com.gopherpay.benchmarks.chart;

import java.util.Locale;

/**
 * A minimal SVG writer: elements with attributes and text, escaped so that any label (a machine line, a series name)
 * gives well-formed XML.
 */
final class Svg {

    static final String NAMESPACE = "http://www.w3.org/2000/svg";

    private final StringBuilder out = new StringBuilder();

    Svg(double width, double height) {
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<svg xmlns=\"")
                .append(NAMESPACE)
                .append("\" width=\"")
                .append(number(width))
                .append("\" height=\"")
                .append(number(height))
                .append("\" viewBox=\"0 0 ")
                .append(number(width))
                .append(' ')
                .append(number(height))
                .append("\" font-family=\"sans-serif\">\n");
    }

    /** Opens {@code <g class="…">}; close it with {@link #close()}. */
    Svg group(String cssClass, String... attributes) {
        out.append("<g class=\"").append(escape(cssClass)).append('"');
        appendAttributes(attributes);
        out.append(">\n");
        return this;
    }

    Svg close() {
        out.append("</g>\n");
        return this;
    }

    /** An empty element: {@code name} with {@code attribute, value} pairs. */
    Svg element(String name, String... attributes) {
        out.append('<').append(name);
        appendAttributes(attributes);
        out.append("/>\n");
        return this;
    }

    /** A {@code <text>} element holding {@code content}. */
    Svg text(String content, String... attributes) {
        out.append("<text");
        appendAttributes(attributes);
        out.append('>').append(escape(content)).append("</text>\n");
        return this;
    }

    String finish() {
        return out.append("</svg>\n").toString();
    }

    private void appendAttributes(String... attributes) {
        if (attributes.length % 2 != 0) {
            throw new IllegalArgumentException("Attributes come in name, value pairs");
        }
        for (int i = 0; i < attributes.length; i += 2) {
            out.append(' ')
                    .append(attributes[i])
                    .append("=\"")
                    .append(escape(attributes[i + 1]))
                    .append('"');
        }
    }

    /** A coordinate or length with one decimal, independent of the default locale. */
    static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** XML-escapes {@code text} and drops the characters XML 1.0 cannot carry at all. */
    static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            switch (c) {
                case '<' -> escaped.append("&lt;");
                case '>' -> escaped.append("&gt;");
                case '&' -> escaped.append("&amp;");
                case '"' -> escaped.append("&quot;");
                case '\'' -> escaped.append("&apos;");
                default -> {
                    if (c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c != 0xFFFE && c != 0xFFFF)) {
                        escaped.appendCodePoint(c);
                    }
                }
            }
        });
        return escaped.toString();
    }
}
