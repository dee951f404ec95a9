package com.gopherpay.identity.problem;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A failure a feature expects and answers itself: it names its {@link ProblemType} and everything its problem+json
 * answer carries, so the web edge maps every such exception the same way without knowing the features. The message is
 * the problem's {@code detail}: a sentence for the client, never anything secret.
 */
public abstract class ProblemException extends RuntimeException {

    private final ProblemType type;

    protected ProblemException(ProblemType type, String detail) {
        super(detail);
        this.type = type;
    }

    /** For failures that are expected under load, where a stack trace would cost without telling anything. */
    protected ProblemException(ProblemType type, String detail, boolean writableStackTrace) {
        super(detail, null, false, writableStackTrace);
        this.type = type;
    }

    public final ProblemType type() {
        return type;
    }

    /** The {@code detail} member: what happened and what the client can do. */
    public final String detail() {
        return getMessage();
    }

    /** The {@code errors} member, one entry per rejected field; empty for a problem not about fields. */
    public List<FieldProblem> errors() {
        return List.of();
    }

    /** Further members of the problem (after {@code code} and {@code errors}), in the order given. */
    public Map<String, Object> properties() {
        return Map.of();
    }

    /** Further response headers, such as {@code WWW-Authenticate} on a 401. */
    public Map<String, String> headers() {
        return Map.of();
    }

    /** The {@code Retry-After} header (sent in whole seconds), for a problem that passes with time. */
    public Optional<Duration> retryAfter() {
        return Optional.empty();
    }
}
