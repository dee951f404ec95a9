package com.gopherpay.notification.web;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's last word on a request nothing else answered — typically one rejected before it reached the application
 * (a URI that can't be decoded, a malformed header) — written in Novu's error shape instead of Tomcat's HTML page.
 * The echoed path is the raw request URI, which Jackson escapes like any other string.
 */
final class NovuErrorReportValve extends ErrorReportValve {

    private static final Logger log = LoggerFactory.getLogger(NovuErrorReportValve.class);

    private final NovuErrors errors;

    NovuErrorReportValve(NovuErrors errors) {
        this.errors = errors;
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int code = response.getStatus();
        if (code < 400 || response.getContentWritten() > 0) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get() || !response.setErrorReported()) {
            return;
        }
        HttpStatus status = HttpStatus.resolve(code);
        if (status == null) {
            status = code < 500 ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String uri = request.getRequestURI();
        String query = request.getQueryString();
        String path = uri == null ? "" : query == null ? uri : uri + "?" + query;
        try {
            byte[] body = status.is5xxServerError()
                    ? errors.json(errors.internalError(path, errorId(throwable)))
                    : errors.json(errors.body(ApiError.http(status, status.getReasonPhrase()), path));
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            log.debug("Could not write the error answer for {}: {}", path, e.getMessage());
        }
    }

    private String errorId(Throwable throwable) {
        String errorId = errors.newErrorId();
        log.error("Failure the container answered with 500 (errorId {})", errorId, throwable);
        return errorId;
    }
}
