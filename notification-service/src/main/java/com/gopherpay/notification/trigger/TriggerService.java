package com.gopherpay.notification.trigger;

import com.gopherpay.notification.message.Messages;
import com.gopherpay.notification.message.NewMessage;
import com.gopherpay.notification.subscriber.Subscriber;
import com.gopherpay.notification.subscriber.SubscriberChanges;
import com.gopherpay.notification.subscriber.Subscribers;
import com.gopherpay.notification.workflow.RenderedEmail;
import com.gopherpay.notification.workflow.Workflow;
import com.gopherpay.notification.workflow.Workflows;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Accepts a trigger: checks the workflow and payload, then in one transaction records the transactionId (once per
 * environment), upserts the subscribers and queues one rendered email per recipient.
 */
@Service
class TriggerService {

    private static final Logger log = LoggerFactory.getLogger(TriggerService.class);

    private final Workflows workflows;
    private final Triggers triggers;
    private final Subscribers subscribers;
    private final Messages messages;
    private final TransactionIds transactionIds;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final MeterRegistry meters;

    TriggerService(
            Workflows workflows,
            Triggers triggers,
            Subscribers subscribers,
            Messages messages,
            TransactionIds transactionIds,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            Clock clock,
            MeterRegistry meters) {
        this.workflows = workflows;
        this.triggers = triggers;
        this.subscribers = subscribers;
        this.messages = messages;
        this.transactionIds = transactionIds;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
        this.meters = meters;
    }

    TriggerResult trigger(String environmentId, TriggerEvent event) {
        Workflow workflow = workflows.find(event.name()).orElseThrow(WorkflowNotFound::new);
        String transactionId = event.transactionId() != null ? event.transactionId() : transactionIds.next();
        if (event.tenantGiven()) {
            return count(new TriggerResult("no_tenant_found", transactionId, List.of()), workflow);
        }
        if (!workflow.active()) {
            return count(new TriggerResult("trigger_not_active", transactionId, List.of()), workflow);
        }
        workflow.validatePayload(event.payload());
        Boolean first = transaction.execute(status -> queue(environmentId, transactionId, workflow, event));
        if (!Boolean.TRUE.equals(first)) {
            log.debug(
                    "transactionId {} was already triggered in environment {}: nothing sent",
                    transactionId,
                    environmentId);
            meters.counter("notification.triggers.duplicates", "workflow", workflow.id())
                    .increment();
        }
        return count(TriggerResult.processed(transactionId), workflow);
    }

    private boolean queue(String environmentId, String transactionId, Workflow workflow, TriggerEvent event) {
        Instant now = clock.instant();
        if (!triggers.recordFirst(environmentId, transactionId, workflow.id(), now)) {
            return false;
        }
        int queued = 0;
        for (Recipient recipient : event.recipients()) {
            Optional<NewMessage> message = messageFor(environmentId, transactionId, workflow, event, recipient, now);
            if (message.isPresent()) {
                messages.insert(message.get(), now);
                queued += message.get().error() == null ? 1 : 0;
            }
        }
        events.publishEvent(new MessagesQueued(queued));
        return true;
    }

    private Optional<NewMessage> messageFor(
            String environmentId,
            String transactionId,
            Workflow workflow,
            TriggerEvent event,
            Recipient recipient,
            Instant now) {
        Subscriber subscriber;
        String subscriberId;
        if (recipient instanceof Recipient.Topic topic) {
            log.warn(
                    "Trigger {} names topic '{}': topics are not supported, nobody is notified",
                    transactionId,
                    topic.topicKey());
            return Optional.empty();
        } else if (recipient instanceof Recipient.Inline inline) {
            SubscriberChanges changes = inline.changes();
            subscriberId = changes.subscriberId();
            subscriber = subscribers.upsert(environmentId, changes, now);
        } else {
            subscriberId = ((Recipient.Reference) recipient).subscriberId();
            subscriber = subscribers.find(environmentId, subscriberId).orElse(null);
        }
        Map<String, Object> model = subscriber == null ? Map.of("subscriberId", subscriberId) : subscriber.toModel();
        String error = null;
        RenderedEmail email = null;
        if (subscriber == null) {
            error = "Subscriber " + subscriberId + " was not found";
        } else if (subscriber.email() == null || subscriber.email().isBlank()) {
            error = "Subscriber " + subscriberId + " has no email address";
        } else {
            List<String> missing = workflow.missingSubscriberVariables(model);
            if (!missing.isEmpty()) {
                error = "Not sent: the templates need " + String.join(", ", missing) + ", which the subscriber lacks";
            } else {
                email = workflow.render(event.payload(), model);
            }
        }
        return Optional.of(new NewMessage(
                UUID.randomUUID(),
                environmentId,
                transactionId,
                workflow.id(),
                subscriberId,
                model,
                subscriber == null ? null : subscriber.email(),
                subscriber == null ? null : subscriber.displayName(),
                email == null ? null : email.subject(),
                email == null ? null : email.html(),
                email == null ? null : email.text(),
                event.payload(),
                event.overrides(),
                error));
    }

    private TriggerResult count(TriggerResult result, Workflow workflow) {
        meters.counter("notification.triggers", "workflow", workflow.id(), "status", result.status())
                .increment();
        return result;
    }
}
