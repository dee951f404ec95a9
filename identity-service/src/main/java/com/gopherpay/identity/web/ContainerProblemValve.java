package com.gopherpay.identity.web;

import java.io.IOException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's error report, as problem+json instead of an HTML page. It answers what the container refuses before the
 * application is reached (an undecodable URI such as {@code /%}, a disallowed method) and anything else that leaves
 * Tomcat with an error status and no body; errors inside the application go through {@link ErrorEndpoint} first.
 */
final class ContainerProblemValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(ContainerProblemValve.class);

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
            if (status >= 500) {
                // A failure of the container itself: logged once under an id the caller can quote.
                String errorId = UUID.randomUUID().toString();
                log.error("Container answered {} before the application, errorId={}", status, errorId, throwable);
                Problems.writeFailure(response, status, errorId);
                return;
            }
            StatusProblem problem = StatusProblem.of(status);
            Problems.write(response, status, problem.code(), problem.title(), problem.detail());
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot be written any more: nothing left to tell it.
        }
    }
}
