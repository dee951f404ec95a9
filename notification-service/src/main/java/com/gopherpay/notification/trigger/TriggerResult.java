package com.gopherpay.notification.trigger;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Novu's {@code TriggerEventResponseDto}. */
record TriggerResult(String status, String transactionId, List<String> error) {

    static TriggerResult processed(String transactionId) {
        return new TriggerResult("processed", transactionId, List.of());
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("acknowledged", true);
        json.put("status", status);
        if (!error.isEmpty()) {
            json.put("error", error);
        }
        if (transactionId != null) {
            json.put("transactionId", transactionId);
        }
        return json;
    }
}
