package com.gopherpay.identity.lifecycle;

import com.gopherpay.identity.outbox.OutboxRecord;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an {@link IdentityEvent} into its Kafka record: CloudEvents 1.0 in structured mode (the whole event as JSON
 * in the value, {@code content-type: application/cloudevents+json}), with the binary mode's {@code ce_*} headers as
 * well, so a consumer can route on headers without parsing the value. Any CloudEvents SDK reads the record.
 */
@Component
class CloudEventRecords {

    static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    private final LifecycleProperties properties;
    private final JsonMapper json;

    CloudEventRecords(LifecycleProperties properties, JsonMapper json) {
        this.properties = properties;
        this.json = json;
    }

    OutboxRecord toRecord(UUID eventId, IdentityEvent event) {
        // RFC 3339 with at most microseconds, like what PostgreSQL stores.
        String time = event.time().truncatedTo(ChronoUnit.MICROS).toString();
        Map<String, Object> cloudEvent = new LinkedHashMap<>();
        cloudEvent.put("specversion", "1.0");
        cloudEvent.put("id", eventId.toString());
        cloudEvent.put("source", properties.source().toString());
        cloudEvent.put("type", event.type());
        cloudEvent.put("subject", event.userId().toString());
        cloudEvent.put("time", time);
        cloudEvent.put("datacontenttype", "application/json");
        cloudEvent.put("data", event.data());

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", STRUCTURED_CONTENT_TYPE);
        headers.put("ce_specversion", "1.0");
        headers.put("ce_id", eventId.toString());
        headers.put("ce_source", properties.source().toString());
        headers.put("ce_type", event.type());
        headers.put("ce_subject", event.userId().toString());
        headers.put("ce_time", time);
        return new OutboxRecord(
                eventId,
                properties.topic(),
                event.userId().toString(),
                event.type(),
                json.writeValueAsString(cloudEvent),
                headers,
                false);
    }
}
