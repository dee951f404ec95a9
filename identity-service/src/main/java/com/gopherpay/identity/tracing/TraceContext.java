package com.gopherpay.identity.tracing;

import java.util.regex.Pattern;

/**
 * The caller's W3C {@code traceparent}, carried as data from the web edge ({@link TraceContextFilter}) to the records
 * that work publishes, so a consumer can continue the caller's trace. Nothing here knows the servlet API.
 */
public final class TraceContext {

    /** W3C trace context: version-traceid-parentid-flags. */
    private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$");

    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private TraceContext() {}

    /** The {@code traceparent} of the work running on this thread, or null. */
    public static String current() {
        return CURRENT.get();
    }

    /**
     * Runs {@code work} with {@code traceparent} as the current trace context (null for none); the way to carry it to
     * a thread that continues a request.
     */
    public static void runWith(String traceparent, Runnable work) {
        try (Scope scope = open(traceparent)) {
            work.run();
        }
    }

    /**
     * Makes {@code traceparent} the current trace context until the returned scope is closed; a value that is not a
     * well-formed {@code traceparent} counts as none.
     */
    public static Scope open(String traceparent) {
        String previous = CURRENT.get();
        if (wellFormed(traceparent)) {
            CURRENT.set(traceparent);
        } else {
            CURRENT.remove();
        }
        return new Scope(previous);
    }

    /** Restores the trace context that was current before {@link #open}. */
    public static final class Scope implements AutoCloseable {

        private final String previous;

        private Scope(String previous) {
            this.previous = previous;
        }

        @Override
        public void close() {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    static boolean wellFormed(String traceparent) {
        return traceparent != null && TRACEPARENT.matcher(traceparent).matches();
    }
}
