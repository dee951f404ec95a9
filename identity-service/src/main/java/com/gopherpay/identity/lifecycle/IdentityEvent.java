package com.gopherpay.identity.lifecycle;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One lifecycle event, as other services read it: a CloudEvents type and its {@code data}. The data carries ids,
 * addresses and times only, never a token, a link or a password hash; each type's shape is the JSON Schema in
 * {@code docs/events/}.
 */
sealed interface IdentityEvent {

    String TYPE_PREFIX = "com.gopherpay.identity.user.";

    /** The account; the CloudEvents {@code subject} and the record key. */
    UUID userId();

    /** When it happened: the CloudEvents {@code time}. */
    Instant time();

    /** The CloudEvents {@code type}. */
    String type();

    /** The CloudEvents {@code data}, in the order the schema lists its properties. */
    Map<String, Object> data();

    record Registered(UUID userId, String email, Instant time) implements IdentityEvent {
        @Override
        public String type() {
            return TYPE_PREFIX + "registered";
        }

        @Override
        public Map<String, Object> data() {
            return ordered("userId", userId, "email", email, "registeredAt", time);
        }
    }

    record EmailVerified(UUID userId, String email, Instant time) implements IdentityEvent {
        @Override
        public String type() {
            return TYPE_PREFIX + "email-verified";
        }

        @Override
        public Map<String, Object> data() {
            return ordered("userId", userId, "email", email, "verifiedAt", time);
        }
    }

    record PasswordChanged(UUID userId, String email, Instant time) implements IdentityEvent {
        @Override
        public String type() {
            return TYPE_PREFIX + "password-changed";
        }

        @Override
        public Map<String, Object> data() {
            return ordered("userId", userId, "email", email, "changedAt", time);
        }
    }

    record EmailChanged(UUID userId, String previousEmail, String email, Instant time) implements IdentityEvent {
        @Override
        public String type() {
            return TYPE_PREFIX + "email-changed";
        }

        @Override
        public Map<String, Object> data() {
            return ordered("userId", userId, "previousEmail", previousEmail, "email", email, "changedAt", time);
        }
    }

    record Deleted(UUID userId, String email, Instant time, String reason) implements IdentityEvent {
        @Override
        public String type() {
            return TYPE_PREFIX + "deleted";
        }

        @Override
        public Map<String, Object> data() {
            return ordered("userId", userId, "email", email, "deletedAt", time, "reason", reason);
        }
    }

    private static Map<String, Object> ordered(Object... keysAndValues) {
        Map<String, Object> data = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            Object value = keysAndValues[i + 1];
            data.put(
                    (String) keysAndValues[i],
                    value instanceof UUID || value instanceof Instant ? value.toString() : value);
        }
        return data;
    }
}
