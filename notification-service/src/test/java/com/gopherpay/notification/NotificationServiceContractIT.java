package com.gopherpay.notification;

import com.gopherpay.notification.support.RunningService;
import com.gopherpay.notification.support.SharedService;
import com.gopherpay.novu.contract.NovuApiContract;
import java.util.Map;

/** notification-service against the same Novu wire contract the connector's stub is held to. */
class NotificationServiceContractIT extends NovuApiContract {

    @Override
    protected String baseUrl() {
        return SharedService.service().baseUrl();
    }

    @Override
    protected String validApiKey() {
        return RunningService.API_KEY;
    }

    @Override
    protected String knownWorkflowId() {
        return "email-verification";
    }

    @Override
    protected Map<String, Object> validPayload() {
        return Map.of(
                "verificationLink", "http://127.0.0.1:8080/verify-email?token=contract",
                "expiresAt", "2026-11-25T10:00:00Z");
    }

    @Override
    protected boolean idempotencyEnabled() {
        return true;
    }
}
