package com.gopherpay.identity.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error}, where the container forwards every error that leaves the application without an answer (a
 * disallowed {@code TRACE}, a failure in a filter, a status set with {@code sendError}): always problem+json, whatever
 * the method or {@code Accept} header. Reached directly it is just an address with nothing at it, so 404.
 */
@RestController
class ErrorEndpoint implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(ErrorEndpoint.class);

    private final IdGenerator ids;

    ErrorEndpoint(IdGenerator ids) {
        this.ids = ids;
    }

    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer status) || status < 400) {
            StatusProblem notFound = StatusProblem.of(404);
            Problems.write(response, 404, notFound.code(), notFound.title(), notFound.detail());
            return;
        }
        StatusProblem problem = StatusProblem.of(status);
        if (status >= 500 && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
            String errorId = ids.generateId().toString();
            log.error("Unexpected failure outside the controllers, errorId={}", errorId, failure);
            Problems.writeFailure(response, status, errorId);
            return;
        }
        Problems.write(response, status, problem.code(), problem.title(), problem.detail());
    }
}
