package com.gopherpay.notification.web;

/**
 * Rules for strings clients send that PostgreSQL would otherwise refuse with an error (and so a 500) instead of the
 * clear 422 the client deserves: no NUL characters anywhere (TEXT and JSONB cannot hold them), and identifiers short
 * enough for the unique indexes they are part of.
 */
public final class ClientText {

    /**
     * Longest transactionId or subscriberId, in characters. The unique index on messages holds both plus the
     * environment id (at most 64): 2 × 255 characters × 4 bytes + 64 stays under PostgreSQL's B-tree row limit of
     * 2704 bytes even for text made only of 4-byte characters.
     */
    public static final int MAX_ID_LENGTH = 255;

    private ClientText() {}

    public static boolean containsNul(String text) {
        return text.indexOf('\u0000') >= 0;
    }

    /** Records what is wrong with an identifier (transactionId, subscriberId) under {@code field}, if anything. */
    public static void checkId(String field, String value, ValidationErrors errors) {
        if (containsNul(value)) {
            errors.add(field, null, nulMessage(field));
        } else {
            checkIdLength(field, value, errors);
        }
    }

    /** Like {@link #checkId} for a value whose NUL characters are reported elsewhere. */
    public static void checkIdLength(String field, String value, ValidationErrors errors) {
        if (value.codePointCount(0, value.length()) > MAX_ID_LENGTH) {
            errors.add(field, null, field + " must be shorter than or equal to " + MAX_ID_LENGTH + " characters");
        }
    }

    public static String nulMessage(String field) {
        return printable(field) + " must not contain NUL characters (\\u0000)";
    }

    /** The text with its NUL characters spelled out, fit to be echoed in an error. */
    public static String printable(String text) {
        return text.replace("\u0000", "\\u0000");
    }
}
