package com.gopherpay.notification.workflow;

import com.gopherpay.notification.web.ApiError;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * The payload lacks variables the workflow's templates print: Novu's 400 {@code PAYLOAD_VALIDATION_ERROR}, with one
 * entry per missing variable and the (derived) payload schema.
 */
public class PayloadValidationFailed extends ApiError {

    private final List<String> missing;

    PayloadValidationFailed(List<String> missing, Map<String, Object> schema) {
        super(HttpStatus.BAD_REQUEST, message(missing), context(missing, schema), Map.of());
        this.missing = List.copyOf(missing);
    }

    /** Missing variables as paths relative to {@code payload}. */
    public List<String> missing() {
        return missing;
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

    private static Map<String, Object> context(List<String> missing, Map<String, Object> schema) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("type", "PAYLOAD_VALIDATION_ERROR");
        context.put(
                "errors",
                missing.stream()
                        .map(field -> Map.of(
                                "field",
                                field,
                                "message",
                                "must have required property '" + field + "'",
                                "schemaPath",
                                "#/required"))
                        .toList());
        context.put("schema", schema);
        return context;
    }
}
