package com.gopherpay.identity.tracing;

/**
 * Where the request being served came from, as the audit trail records it: the client address (after the trusted
 * proxy rules) and the {@code User-Agent}, cut to {@link #USER_AGENT_LIMIT} characters. Set by the web edge, carried
 * to work that continues a request on another thread with {@link #carry}.
 *
 * @param clientAddress the client's IP address, or null
 * @param userAgent the truncated {@code User-Agent}, or null
 */
public record RequestOrigin(String clientAddress, String userAgent) {

    /** Enough to tell browsers and clients apart; the rest is fingerprinting detail nobody needs in an audit row. */
    public static final int USER_AGENT_LIMIT = 200;

    private static final ThreadLocal<RequestOrigin> CURRENT = new ThreadLocal<>();

    public RequestOrigin {
        if (userAgent != null) {
            userAgent = userAgent.strip();
            if (userAgent.length() > USER_AGENT_LIMIT) {
                userAgent = userAgent.substring(0, USER_AGENT_LIMIT);
            }
            // Control characters would let a client forge line breaks in whatever displays the row.
            userAgent = userAgent.replaceAll("\\p{Cntrl}", "?");
        }
    }

    /** The origin of the work on this thread, or null outside a request. */
    public static RequestOrigin current() {
        return CURRENT.get();
    }

    /**
     * {@code work}, made to run with this thread's current origin and trace context wherever it runs: the way to hand
     * a request's remainder to an executor.
     */
    public static Runnable carry(Runnable work) {
        RequestOrigin origin = CURRENT.get();
        String traceparent = TraceContext.current();
        return () -> {
            RequestOrigin previous = CURRENT.get();
            set(origin);
            try {
                TraceContext.runWith(traceparent, work);
            } finally {
                set(previous);
            }
        };
    }

    static void set(RequestOrigin origin) {
        if (origin == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(origin);
        }
    }
}
