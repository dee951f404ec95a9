package com.gopherpay.identity.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

/**
 * Tomcat's error report, as problem+json instead of an HTML page. It answers what the container refuses before the
 * application is reached (an undecodable URI such as {@code /%}, a disallowed method) and anything else that leaves
 * Tomcat with an error status and no body; errors inside the application go through {@link ErrorEndpoint} first.
 */
final class ContainerProblemValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        try {
            StatusProblem problem = StatusProblem.of(status);
            Problems.write(response, status, problem.code(), problem.title(), problem.detail());
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot be written any more: nothing left to tell it.
        }
    }
}
