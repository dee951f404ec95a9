package com.gopherpay.notification;

import java.util.Map;

/** The Novu wire contract for the {@code password-reset} workflow identity-service triggers. */
class PasswordResetWorkflowContractIT extends NotificationServiceContractIT {

    @Override
    protected String knownWorkflowId() {
        return "password-reset";
    }

    @Override
    protected Map<String, Object> validPayload() {
        return Map.of(
                "resetLink", "http://127.0.0.1:8080/reset-password?token=contract",
                "expiresAt", "2026-11-25T10:30:00Z");
    }
}
