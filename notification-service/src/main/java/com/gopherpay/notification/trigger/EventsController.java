package com.gopherpay.notification.trigger;

import com.gopherpay.notification.auth.ApiKeyAuthenticationFilter;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Novu's {@code POST /v1/events/trigger} and {@code /v1/events/trigger/bulk}, answered 201 in Novu's wrapper. */
@RestController
class EventsController {

    private final TriggerRequests requests;
    private final TriggerService service;

    EventsController(TriggerRequests requests, TriggerService service) {
        this.requests = requests;
        this.service = service;
    }

    @PostMapping("/v1/events/trigger")
    ResponseEntity<Map<String, Object>> trigger(
            @RequestAttribute(ApiKeyAuthenticationFilter.ENVIRONMENT_ATTRIBUTE) String environmentId,
            @RequestBody(required = false) byte[] body) {
        TriggerEvent event = requests.single(body == null ? new byte[0] : body);
        return created(service.trigger(environmentId, event).toJson());
    }

    /** Each event succeeds or fails on its own; a failed one is reported in place with status {@code error}. */
    @PostMapping("/v1/events/trigger/bulk")
    ResponseEntity<Map<String, Object>> bulk(
            @RequestAttribute(ApiKeyAuthenticationFilter.ENVIRONMENT_ATTRIBUTE) String environmentId,
            @RequestBody(required = false) byte[] body) {
        List<TriggerEvent> events = requests.bulk(body == null ? new byte[0] : body);
        List<Map<String, Object>> results = service.triggerAll(environmentId, events).stream()
                .map(TriggerResult::toJson)
                .toList();
        return created(results);
    }

    private static ResponseEntity<Map<String, Object>> created(Object data) {
        return ResponseEntity.status(HttpStatus.CREATED)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("data", data));
    }
}
