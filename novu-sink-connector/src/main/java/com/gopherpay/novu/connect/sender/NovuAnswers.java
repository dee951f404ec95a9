package com.gopherpay.novu.connect.sender;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.gopherpay.novu.connect.record.Trigger;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Novu's answers: the outcome of each trigger, and the reason of a failure in words safe to log (the status and
 * Novu's short message when it cannot be quoting the triggers, see {@link NovuMessages}).
 */
final class NovuAnswers {

    private static final Logger log = LoggerFactory.getLogger(NovuAnswers.class);

    private final ObjectMapper json;

    NovuAnswers(ObjectMapper json) {
        this.json = json;
    }

    /** The outcome of a single trigger from its final (non-transient) answer. */
    Outcome single(Trigger trigger, NovuResponse response) {
        if (!response.isSuccess()) {
            return new Outcome.Rejected(
                    trigger,
                    new Rejection(
                            Rejection.Kind.NOVU_REJECTED, response.status(), failure(response, List.of(trigger))));
        }
        JsonNode data = parse(response.body()).path("data");
        return element(trigger, response, data.isObject() ? data : null);
    }

    /** The outcomes of a bulk that Novu accepted, read per event in request order. */
    List<Outcome> bulk(List<Trigger> batch, NovuResponse response) {
        JsonNode data = parse(response.body()).path("data");
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            JsonNode result = data.isArray() && data.size() > i ? data.get(i) : null;
            outcomes.add(element(batch.get(i), response, result));
        }
        return outcomes;
    }

    /** The status and Novu's message if it is safe to pass on, e.g. {@code HTTP 422 workflow_not_found}. */
    String failure(NovuResponse response, List<Trigger> triggers) {
        String message = new NovuMessages(triggers).safeOrWithheld(message(response));
        return "HTTP " + response.status() + (message.isEmpty() ? "" : " " + message);
    }

    private Outcome element(Trigger trigger, NovuResponse response, JsonNode result) {
        if (result == null) {
            // Novu answered 2xx but not in the documented shape: it accepted the request, and resending could
            // duplicate notifications, so count it as delivered.
            log.warn(
                    "Novu answered HTTP {} for {} without a readable result ({} characters)",
                    response.status(),
                    trigger.describeRecord(),
                    response.body() == null ? 0 : response.body().length());
            return new Outcome.Delivered(trigger);
        }
        String status = result.path("status").asText("");
        if ("processed".equals(status)) {
            return new Outcome.Delivered(trigger);
        }
        // error (bulk), trigger_not_active, invalid_recipients, no_tenant_found, ...: Novu will send nothing.
        NovuMessages messages = new NovuMessages(List.of(trigger));
        List<String> errors = new ArrayList<>();
        JsonNode error = result.path("error");
        if (error.isArray()) {
            error.forEach(entry -> errors.add(messages.safeOrWithheld(entry.asText())));
        } else if (!error.isMissingNode() && !error.isNull()) {
            errors.add(messages.safeOrWithheld(error.asText()));
        }
        String reason = "Novu answered status '" + messages.safeOrWithheld(status) + "'"
                + (errors.isEmpty() ? "" : ": " + String.join(", ", errors));
        return new Outcome.Rejected(
                trigger, new Rejection(Rejection.Kind.NOVU_NOT_PROCESSED, response.status(), reason));
    }

    /** Novu's error {@code message} (a string or, in older versions, a list), or empty; never the rest of the body. */
    private String message(NovuResponse response) {
        JsonNode message = parse(response.body()).path("message");
        if (message.isMissingNode() || message.isNull()) {
            return "";
        }
        if (message.isArray()) {
            List<String> parts = new ArrayList<>();
            message.forEach(part -> parts.add(part.asText()));
            return String.join("; ", parts);
        }
        return message.asText();
    }

    private JsonNode parse(String body) {
        try {
            return body == null || body.isBlank() ? json.missingNode() : json.readTree(body);
        } catch (JsonProcessingException e) {
            return json.missingNode();
        }
    }
}
