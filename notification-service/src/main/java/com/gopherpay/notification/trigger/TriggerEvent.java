package com.gopherpay.notification.trigger;

import java.util.List;
import java.util.Map;

/**
 * A parsed, structurally valid trigger request.
 *
 * @param name the workflow trigger identifier
 * @param recipients the {@code to} entries, in order
 * @param payload the template payload ({@code {}} when absent)
 * @param transactionId the caller's transaction id, or null to have one generated
 * @param overrides stored with the message, otherwise not interpreted
 * @param tenantGiven whether a tenant was named (tenants are not kept here)
 */
record TriggerEvent(
        String name,
        List<Recipient> recipients,
        Map<String, Object> payload,
        String transactionId,
        Object overrides,
        boolean tenantGiven) {}
