package com.gopherpay.notification.support;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Trigger request bodies for the shipped workflows, built as JSON objects (never by editing JSON text). */
public final class TriggerBodies {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private TriggerBodies() {}

    /** An {@code email-verification} trigger for a new subscriber, with its transactionId. */
    public static String verification(String transactionId, String subscriberId, String email, String link) {
        return JSON.writeValueAsString(
                verificationEvent(subscriberId, email, link).put("transactionId", transactionId));
    }

    /** An {@code email-verification} trigger without a transactionId (the service generates one). */
    public static String verificationWithoutTransactionId(String subscriberId, String email, String link) {
        return JSON.writeValueAsString(verificationEvent(subscriberId, email, link));
    }

    private static ObjectNode verificationEvent(String subscriberId, String email, String link) {
        ObjectNode event = JSON.createObjectNode().put("name", "email-verification");
        event.putObject("to")
                .put("subscriberId", subscriberId)
                .put("email", email)
                .put("firstName", "Ada")
                .put("lastName", "Lovelace");
        event.putObject("payload").put("verificationLink", link).put("expiresAt", "2026-11-25T10:00:00Z");
        return event;
    }

    /** A {@code password-reset} trigger for a new subscriber, with its transactionId. */
    public static String passwordReset(String transactionId, String subscriberId, String email, String link) {
        ObjectNode event = JSON.createObjectNode().put("name", "password-reset");
        event.putObject("to")
                .put("subscriberId", subscriberId)
                .put("email", email)
                .put("firstName", "Ada")
                .put("lastName", "Lovelace");
        event.putObject("payload").put("resetLink", link).put("expiresAt", "2026-11-25T10:30:00Z");
        event.put("transactionId", transactionId);
        return JSON.writeValueAsString(event);
    }
}
