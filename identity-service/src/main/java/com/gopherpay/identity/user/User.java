package com.gopherpay.identity.user;

import java.time.Instant;
import java.util.UUID;

/** An account as stored, without its password hash (which only {@link Users} reads and writes). */
public record User(
        UUID id, String email, String fullName, UserStatus status, Instant createdAt, Instant emailVerifiedAt) {

    /** The first word of the full name, as templates greet people. */
    public String firstName() {
        String trimmed = fullName.strip();
        int space = firstSpace(trimmed);
        return space < 0 ? trimmed : trimmed.substring(0, space);
    }

    /** Everything after the first word, or an empty string for a one-word name. */
    public String lastName() {
        String trimmed = fullName.strip();
        int space = firstSpace(trimmed);
        return space < 0 ? "" : trimmed.substring(space).strip();
    }

    private static int firstSpace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
