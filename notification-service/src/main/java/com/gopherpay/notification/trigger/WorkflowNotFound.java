package com.gopherpay.notification.trigger;

import com.gopherpay.notification.web.ApiError;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** No workflow has this trigger identifier: Novu's 422 {@code workflow_not_found}. */
final class WorkflowNotFound extends ApiError {

    WorkflowNotFound() {
        super(
                HttpStatus.UNPROCESSABLE_ENTITY,
                "workflow_not_found",
                Map.of("statusCode", 422, "error", "Unprocessable Entity"),
                Map.of());
    }
}
