package com.gopherpay.notification.trigger;

import com.gopherpay.notification.message.Messages;
import com.gopherpay.notification.message.MessagesQueued;
import com.gopherpay.notification.message.NewMessage;
import com.gopherpay.notification.subscriber.Subscriber;
import com.gopherpay.notification.subscriber.SubscriberChanges;
import com.gopherpay.notification.subscriber.Subscribers;
import com.gopherpay.notification.workflow.PayloadValidationFailed;
import com.gopherpay.notification.workflow.Workflow;
import com.gopherpay.notification.workflow.Workflows;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.IdGenerator;

/**
 * Accepts triggers: checks the workflow and payload of each, then in one transaction records the transactionIds (once
 * per environment), upserts the subscribers and queues one message per recipient, with the payload and the subscriber
 * as this request left it. Delivery renders the email; what can be checked here (the payload's required variables,
 * the subscriber's email address and required variables) is checked here, so a refusal is still Novu's 400 and a
 * recipient who cannot get the email has an error message at once.
 */
@Service
class TriggerService {

    private static final Logger log = LoggerFactory.getLogger(TriggerService.class);

    private final Workflows workflows;
    private final AcceptedTriggers triggers;
    private final Subscribers subscribers;
    private final Messages messages;
    private final TransactionIds transactionIds;
    private final TransactionTemplate transaction;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final IdGenerator ids;
    private final MeterRegistry meters;

    TriggerService(
            Workflows workflows,
            AcceptedTriggers triggers,
            Subscribers subscribers,
            Messages messages,
            TransactionIds transactionIds,
            TransactionTemplate transaction,
            ApplicationEventPublisher events,
            Clock clock,
            IdGenerator ids,
            MeterRegistry meters) {
        this.workflows = workflows;
        this.triggers = triggers;
        this.subscribers = subscribers;
        this.messages = messages;
        this.transactionIds = transactionIds;
        this.transaction = transaction;
        this.events = events;
        this.clock = clock;
        this.ids = ids;
        this.meters = meters;
    }

    /** Accepts one trigger; an invalid one throws {@link WorkflowNotFound} or {@link PayloadValidationFailed}. */
    TriggerResult trigger(String environmentId, TriggerEvent event) {
        Checked checked = check(event);
        if (checked.accepted()) {
            queue(environmentId, List.of(checked));
        }
        return count(checked.result(), checked.workflow());
    }

    /**
     * Accepts a bulk request: each event is checked on its own and an invalid one is answered in place with status
     * {@code error}; the valid ones are queued together in one transaction, with one statement (or one JDBC batch)
     * per table rather than one transaction per event.
     */
    List<TriggerResult> triggerAll(String environmentId, List<TriggerEvent> events) {
        List<Checked> checked = new ArrayList<>();
        List<TriggerResult> results = new ArrayList<>();
        for (TriggerEvent event : events) {
            try {
                Checked one = check(event);
                checked.add(one);
                results.add(one.result());
            } catch (WorkflowNotFound | PayloadValidationFailed e) {
                results.add(new TriggerResult("error", event.transactionId(), List.of(e.getMessage())));
            }
        }
        queue(environmentId, checked.stream().filter(Checked::accepted).toList());
        checked.forEach(one -> count(one.result(), one.workflow()));
        return results;
    }

    /** An event that passed the checks, with what it will be answered. */
    private record Checked(TriggerEvent event, Workflow workflow, String transactionId, TriggerResult result) {

        boolean accepted() {
            return "processed".equals(result.status());
        }
    }

    private Checked check(TriggerEvent event) {
        Workflow workflow = workflows.find(event.name()).orElseThrow(WorkflowNotFound::new);
        String transactionId = event.transactionId() != null ? event.transactionId() : transactionIds.next();
        if (event.tenantGiven()) {
            return new Checked(
                    event, workflow, transactionId, new TriggerResult("no_tenant_found", transactionId, List.of()));
        }
        if (!workflow.active()) {
            return new Checked(
                    event, workflow, transactionId, new TriggerResult("trigger_not_active", transactionId, List.of()));
        }
        workflow.validatePayload(event.payload());
        return new Checked(event, workflow, transactionId, TriggerResult.processed(transactionId));
    }

    /**
     * In one transaction: records the transactionIds, and for those seen for the first time upserts the subscribers
     * and queues one message per recipient. A transactionId seen before (or twice in one request) is
     * acknowledged and queues nothing. When one request upserts the same subscriber twice, every email renders with
     * the subscriber as it is after the whole request (Novu, which processes bulk events asynchronously, does not
     * promise an order either).
     */
    private void queue(String environmentId, List<Checked> events) {
        if (events.isEmpty()) {
            return;
        }
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            Set<String> first = triggers.recordFirst(
                    environmentId,
                    events.stream()
                            .map(event -> new AcceptedTriggers.NewTrigger(
                                    event.transactionId(), event.workflow().id()))
                            .toList(),
                    now);
            Set<String> taken = new HashSet<>();
            List<Checked> firsts = new ArrayList<>();
            for (Checked event : events) {
                if (first.contains(event.transactionId()) && taken.add(event.transactionId())) {
                    firsts.add(event);
                } else {
                    log.debug(
                            "transactionId {} was already triggered in environment {}: nothing sent",
                            event.transactionId(),
                            environmentId);
                    meters.counter(
                                    "notification.triggers.duplicates",
                                    "workflow",
                                    event.workflow().id())
                            .increment();
                }
            }
            List<SubscriberChanges> changes = new ArrayList<>();
            Set<String> subscriberIds = new LinkedHashSet<>();
            for (Checked event : firsts) {
                for (Recipient recipient : event.event().recipients()) {
                    if (recipient instanceof Recipient.Inline inline) {
                        changes.add(inline.changes());
                        subscriberIds.add(inline.changes().subscriberId());
                    } else if (recipient instanceof Recipient.Reference reference) {
                        subscriberIds.add(reference.subscriberId());
                    }
                }
            }
            Map<String, Subscriber> known = new HashMap<>(subscribers.upsertAll(environmentId, changes, now));
            subscriberIds.removeAll(known.keySet());
            known.putAll(subscribers.findAll(environmentId, subscriberIds));
            List<NewMessage> queued = new ArrayList<>();
            for (Checked event : firsts) {
                for (Recipient recipient : event.event().recipients()) {
                    messageFor(environmentId, event, recipient, known).ifPresent(queued::add);
                }
            }
            messages.insertAll(queued, now);
            this.events.publishEvent(new MessagesQueued((int)
                    queued.stream().filter(message -> message.error() == null).count()));
        });
    }

    private Optional<NewMessage> messageFor(
            String environmentId, Checked event, Recipient recipient, Map<String, Subscriber> known) {
        String subscriberId;
        if (recipient instanceof Recipient.Topic topic) {
            log.warn(
                    "Trigger {} names topic '{}': topics are not supported, nobody is notified",
                    event.transactionId(),
                    topic.topicKey());
            return Optional.empty();
        } else if (recipient instanceof Recipient.Inline inline) {
            subscriberId = inline.changes().subscriberId();
        } else {
            subscriberId = ((Recipient.Reference) recipient).subscriberId();
        }
        Subscriber subscriber = known.get(subscriberId);
        Workflow workflow = event.workflow();
        Map<String, Object> model = subscriber == null ? Map.of("subscriberId", subscriberId) : subscriber.toModel();
        String error = null;
        if (subscriber == null) {
            error = "Subscriber " + subscriberId + " was not found";
        } else if (subscriber.email() == null || subscriber.email().isBlank()) {
            error = "Subscriber " + subscriberId + " has no email address";
        } else {
            List<String> missing = workflow.missingSubscriberVariables(model);
            if (!missing.isEmpty()) {
                error = Workflow.missingSubscriberVariablesError(missing);
            }
        }
        return Optional.of(new NewMessage(
                ids.generateId(),
                environmentId,
                event.transactionId(),
                workflow.id(),
                subscriberId,
                model,
                subscriber == null ? null : subscriber.email(),
                subscriber == null ? null : subscriber.displayName(),
                event.event().payload(),
                event.event().overrides(),
                error));
    }

    private TriggerResult count(TriggerResult result, Workflow workflow) {
        meters.counter("notification.triggers", "workflow", workflow.id(), "status", result.status())
                .increment();
        return result;
    }
}
