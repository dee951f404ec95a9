package com.gopherpay.notification.trigger;

import com.gopherpay.notification.web.ApiError;
import com.gopherpay.notification.web.NovuErrors;
import com.gopherpay.notification.workflow.PayloadValidationFailed;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The trigger feature's failures in Novu's words, answered as {@link ApiError}s; ordered before the web package's
 * handler, whose catch-all would otherwise take them for unexpected failures.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class TriggerErrors {

    private final NovuErrors errors;

    TriggerErrors(NovuErrors errors) {
        this.errors = errors;
    }

    @ExceptionHandler(WorkflowNotFound.class)
    ResponseEntity<Map<String, Object>> workflowNotFound(WorkflowNotFound e, HttpServletRequest request) {
        return errors.answer(
                ApiError.of(
                        HttpStatus.UNPROCESSABLE_ENTITY,
                        WorkflowNotFound.MESSAGE,
                        Map.of("statusCode", 422, "error", "Unprocessable Entity")),
                request);
    }

    @ExceptionHandler(PayloadValidationFailed.class)
    ResponseEntity<Map<String, Object>> payloadValidationFailed(PayloadValidationFailed e, HttpServletRequest request) {
        return errors.answer(ApiError.of(HttpStatus.BAD_REQUEST, e.getMessage(), context(e)), request);
    }

    private static Map<String, Object> context(PayloadValidationFailed e) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("type", "PAYLOAD_VALIDATION_ERROR");
        context.put(
                "errors",
                e.missing().stream()
                        .map(field -> Map.of(
                                "field",
                                field,
                                "message",
                                "must have required property '" + field + "'",
                                "schemaPath",
                                "#/required"))
                        .toList());
        context.put("schema", e.schema());
        return context;
    }
}
