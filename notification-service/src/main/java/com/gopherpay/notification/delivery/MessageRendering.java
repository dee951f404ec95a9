package com.gopherpay.notification.delivery;

import com.gopherpay.notification.message.QueuedEmail;
import com.gopherpay.notification.workflow.RenderedEmail;
import com.gopherpay.notification.workflow.TemplateRenderingFailed;
import com.gopherpay.notification.workflow.Workflow;
import com.gopherpay.notification.workflow.Workflows;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Renders a claimed message just before it is sent: from its payload and the subscriber as the trigger left it, with
 * the workflow as this instance has it. The variable checks of acceptance are made again, since the workflow may have
 * changed in between: an email never goes out with a variable missing. A message that cannot be rendered is counted
 * in {@code notification.templates.failures}; no reason given here quotes a value of the payload.
 */
@Component
class MessageRendering {

    /** What rendering one message gave. */
    sealed interface Outcome {

        /** Ready to send. */
        record Rendered(RenderedEmail email) implements Outcome {}

        /** Can never be sent as it is. */
        record Failed(String reason) implements Outcome {}

        /** This instance lacks the message's workflow, which another (a rolling upgrade) may have: try later. */
        record Elsewhere(String reason) implements Outcome {}
    }

    private final Workflows workflows;
    private final MeterRegistry meters;

    MessageRendering(Workflows workflows, MeterRegistry meters) {
        this.workflows = workflows;
        this.meters = meters;
    }

    Outcome render(QueuedEmail email) {
        Optional<Workflow> found = workflows.find(email.workflowId());
        if (found.isEmpty()) {
            return new Outcome.Elsewhere("Workflow '" + email.workflowId() + "' is not configured on this instance");
        }
        Workflow workflow = found.get();
        List<String> missingPayload = workflow.missingPayloadVariables(email.payload());
        if (!missingPayload.isEmpty()) {
            return failed(
                    email,
                    "Not sent: the templates need "
                            + String.join(
                                    ", ",
                                    missingPayload.stream()
                                            .map(name -> "payload." + name)
                                            .toList())
                            + ", which the trigger's payload lacks");
        }
        List<String> missingSubscriber = workflow.missingSubscriberVariables(email.subscriber());
        if (!missingSubscriber.isEmpty()) {
            return failed(email, Workflow.missingSubscriberVariablesError(missingSubscriber));
        }
        try {
            return new Outcome.Rendered(workflow.render(email.payload(), email.subscriber()));
        } catch (TemplateRenderingFailed e) {
            return failed(email, "Not sent: " + e.getMessage());
        }
    }

    private Outcome failed(QueuedEmail email, String reason) {
        meters.counter("notification.templates.failures", "workflow", email.workflowId())
                .increment();
        return new Outcome.Failed(reason);
    }
}
