package com.gopherpay.notification.workflow;

import java.util.List;
import java.util.Map;

/**
 * The payload lacks variables the workflow's templates print. It carries what Novu's 400
 * {@code PAYLOAD_VALIDATION_ERROR} reports: the missing variables and the (derived) payload schema.
 */
public final class PayloadValidationFailed extends RuntimeException {

    private final List<String> missing;
    private final Map<String, Object> schema;

    public PayloadValidationFailed(List<String> missing, Map<String, Object> schema) {
        super(message(missing), null, false, false);
        this.missing = List.copyOf(missing);
        this.schema = schema;
    }

    /** Missing variables as paths relative to {@code payload}. */
    public List<String> missing() {
        return missing;
    }

    /** The JSON Schema the payload was checked against. */
    public Map<String, Object> schema() {
        return schema;
    }

    private static String message(List<String> missing) {
        return "Payload validation failed: "
                + String.join(
                        "; ",
                        missing.stream().map(PayloadValidationFailed::problem).toList());
    }

    private static String problem(String field) {
        return "payload." + field + " is required by the workflow's templates but is missing or empty";
    }
}
