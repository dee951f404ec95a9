package com.gopherpay.notification.workflow;

/**
 * A workflow's templates could not be rendered for one email (a Liquid error at render time, or rendering took longer
 * than allowed). The message names the workflow and the cause, never the values rendered.
 */
public final class TemplateRenderingFailed extends RuntimeException {

    public TemplateRenderingFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
