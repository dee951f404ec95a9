package com.gopherpay.identity.notification;

import java.util.Map;

/**
 * The record value: a Novu {@code POST /v1/events/trigger} body, so the sink connector can forward it unchanged.
 *
 * @param name the Novu workflow to trigger
 * @param to the recipient, upserted by Novu as a subscriber
 * @param payload template variables ({@code {{payload.x}}})
 * @param transactionId the event id; Novu refuses a second trigger with the same one, which de-duplicates retries
 */
record NovuTrigger(String name, Subscriber to, Map<String, String> payload, String transactionId) {

    /** The recipient; {@code subscriberId} is the user id. */
    record Subscriber(String subscriberId, String email, String firstName, String lastName) {}
}
