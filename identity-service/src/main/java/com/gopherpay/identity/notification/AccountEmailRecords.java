package com.gopherpay.identity.notification;

import com.gopherpay.identity.kafka.NotificationTopic;
import com.gopherpay.identity.outbox.OutboxRecord;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place where an {@link AccountEmail} becomes a Kafka record: the notification topic, the user id as
 * key (one user's emails stay in order on one partition), the event type as {@code event-type} header and a Novu
 * trigger body as value, which the sink connector forwards unchanged.
 */
@Component
class AccountEmailRecords {

    private final NotificationTopic topic;
    private final JsonMapper json;

    AccountEmailRecords(NotificationTopic topic, JsonMapper json) {
        this.topic = topic;
        this.json = json;
    }

    OutboxRecord toRecord(AccountEmail event) {
        var user = event.recipient();
        NovuTrigger trigger = new NovuTrigger(
                event.workflow(),
                new NovuTrigger.Subscriber(user.id().toString(), user.email(), user.firstName(), user.lastName()),
                event.payload(),
                event.eventId().toString());
        return new OutboxRecord(
                event.eventId(),
                topic.name(),
                user.id().toString(),
                event.eventType(),
                json.writeValueAsString(trigger),
                java.util.Map.of(),
                true);
    }
}
