package com.gopherpay.novu.connect.sender;

import java.util.Locale;

/**
 * Why a record was rejected for good, in terms that are safe for logs, exception messages and DLQ headers: which kind of
 * failure, Novu's HTTP status and a reason that quotes no payload value. Novu's response bodies are never kept: its
 * 400/422 answers echo field values such as a verification link.
 *
 * @param kind what failed
 * @param status HTTP status of the answer that decided it (for a bulk element, the bulk response's status); null when
 *     the record never reached Novu
 * @param reason human-readable, without payload values
 */
public record Rejection(Kind kind, Integer status, String reason) {

    /** What failed; its {@link #label()} is the {@code novu.error.class} header. */
    public enum Kind {
        /** Novu answered the request with a permanent client error (400, 413, 422, ...). */
        NOVU_REJECTED,
        /** Novu accepted the request but reported that it will not process this trigger (bulk element status). */
        NOVU_NOT_PROCESSED,
        /** The record's value is no usable trigger body. */
        MALFORMED_RECORD,
        /** No valid HTTP request can be built from the record (e.g. a value HTTP headers cannot carry). */
        UNSENDABLE_RECORD;

        /** Lower-case with hyphens, e.g. {@code novu-rejected}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** A record that is not a trigger body, with the (value-free) reason the converter gave. */
    public static Rejection malformed(String reason) {
        return new Rejection(Kind.MALFORMED_RECORD, null, reason);
    }
}
