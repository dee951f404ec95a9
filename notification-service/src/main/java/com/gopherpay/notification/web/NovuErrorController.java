package com.gopherpay.notification.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error page (what Spring Boot's {@code BasicErrorController} would answer) in Novu's shape: errors
 * Tomcat raises itself inside the application (TRACE, a failure thrown out of a filter, {@code sendError}) are
 * forwarded here. A request for {@code /error} itself is just an unknown path.
 */
@RestController
class NovuErrorController implements ErrorController {

    private static final Logger log = LoggerFactory.getLogger(NovuErrorController.class);

    private final NovuErrors errors;

    NovuErrorController(NovuErrors errors) {
        this.errors = errors;
    }

    @RequestMapping(value = "${server.error.path:/error}", produces = MediaType.ALL_VALUE)
    ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (!(code instanceof Integer status) || uri == null) {
            ApiError notFound = ApiError.http(
                    HttpStatus.NOT_FOUND, "Cannot " + request.getMethod() + " " + request.getRequestURI());
            return json(HttpStatus.NOT_FOUND, errors.body(notFound, request));
        }
        Object query = request.getAttribute(RequestDispatcher.ERROR_QUERY_STRING);
        String path = query == null ? uri.toString() : uri + "?" + query;
        HttpStatus resolved = HttpStatus.resolve(status);
        if (resolved == null || resolved.is5xxServerError()) {
            String errorId = errors.newErrorId();
            log.error(
                    "Failure answering {} {} with {} (errorId {})",
                    request.getMethod(),
                    uri,
                    status,
                    errorId,
                    request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
            return json(HttpStatus.INTERNAL_SERVER_ERROR, errors.internalError(path, errorId));
        }
        String message = resolved == HttpStatus.NOT_FOUND
                ? "Cannot " + request.getMethod() + " " + uri
                : resolved.getReasonPhrase();
        return json(resolved, errors.body(ApiError.http(resolved, message), path));
    }

    private static ResponseEntity<Map<String, Object>> json(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }
}
