package com.gopherpay.notification;

import java.util.Map;

/** The Novu wire contract for the {@code password-changed} notice identity-service triggers. */
class PasswordChangedWorkflowContractIT extends NotificationServiceContractIT {

    @Override
    protected String knownWorkflowId() {
        return "password-changed";
    }

    @Override
    protected Map<String, Object> validPayload() {
        return Map.of(
                "changedAt", "2026-11-25T10:05:00Z",
                "resetLink", "http://127.0.0.1:8080/forgot-password");
    }
}
