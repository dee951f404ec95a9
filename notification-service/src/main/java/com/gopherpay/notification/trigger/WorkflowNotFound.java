package com.gopherpay.notification.trigger;

/** No workflow has this trigger identifier (Novu's 422 {@code workflow_not_found}). */
final class WorkflowNotFound extends RuntimeException {

    /** Novu's message, answered as such for a single trigger and in place for a bulk event. */
    static final String MESSAGE = "workflow_not_found";

    WorkflowNotFound() {
        super(MESSAGE, null, false, false);
    }
}
