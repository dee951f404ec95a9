package com.gopherpay.notification.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Maps every failure of the API to Novu's error body; features map their own failures in their own advice, ordered
 * before this one (the web package knows none of them). Unexpected exceptions become Novu's 500 with an
 * {@code errorId} that is also logged, so nothing internal reaches the client.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final NovuErrors errors;

    ApiExceptionHandler(NovuErrors errors) {
        this.errors = errors;
    }

    @ExceptionHandler(ApiError.class)
    ResponseEntity<Map<String, Object>> apiError(ApiError error, HttpServletRequest request) {
        return respond(error, request);
    }

    @ExceptionHandler(NoResourceFoundException.class)
    ResponseEntity<Map<String, Object>> notFound(NoResourceFoundException e, HttpServletRequest request) {
        return respond(
                ApiError.http(HttpStatus.NOT_FOUND, "Cannot " + request.getMethod() + " " + NovuErrors.pathOf(request)),
                request);
    }

    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Map<String, Object>> methodNotAllowed(
            HttpRequestMethodNotSupportedException e, HttpServletRequest request) {
        return frameworkError(e, request, "Method " + e.getMethod() + " not allowed");
    }

    @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
    ResponseEntity<Map<String, Object>> unsupportedMediaType(
            HttpMediaTypeNotSupportedException e, HttpServletRequest request) {
        return respond(
                ApiError.http(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json"), request);
    }

    @ExceptionHandler({MissingServletRequestParameterException.class, MethodArgumentTypeMismatchException.class})
    ResponseEntity<Map<String, Object>> badParameter(Exception e, HttpServletRequest request) {
        String name = e instanceof MissingServletRequestParameterException missing
                ? missing.getParameterName()
                : ((MethodArgumentTypeMismatchException) e).getName();
        return respond(ApiError.http(HttpStatus.BAD_REQUEST, "Invalid query parameter: " + name), request);
    }

    /** A query string Tomcat can't decode ({@code %zz}, a lone {@code %}): the client's mistake, so a 400. */
    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<Map<String, Object>> undecodableQuery(InvalidParameterException e, HttpServletRequest request) {
        return respond(ApiError.http(HttpStatus.BAD_REQUEST, "The query string could not be decoded"), request);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Map<String, Object>> unexpected(Exception e, HttpServletRequest request) {
        if (e instanceof ErrorResponse framework) {
            return frameworkError(framework, request, framework.getBody().getDetail());
        }
        String errorId = errors.newErrorId();
        log.error(
                "Unexpected failure answering {} {} (errorId {})",
                request.getMethod(),
                request.getRequestURI(),
                errorId,
                e);
        Map<String, Object> body = errors.internalError(NovuErrors.pathOf(request), errorId);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body);
    }

    /**
     * Spring MVC's own request errors (406 for an Accept header we can't serve, a missing parameter, …) carry their
     * status; they are the client's mistake, so they get that status in Novu's body rather than a logged 500.
     */
    private ResponseEntity<Map<String, Object>> frameworkError(
            ErrorResponse e, HttpServletRequest request, String detail) {
        HttpStatus status = HttpStatus.resolve(e.getStatusCode().value());
        if (status == null) {
            status = e.getStatusCode().is4xxClientError() ? HttpStatus.BAD_REQUEST : HttpStatus.INTERNAL_SERVER_ERROR;
        }
        log.debug("Answering {} {} with {}: {}", request.getMethod(), request.getRequestURI(), status, detail);
        ApiError error = ApiError.http(status, detail == null ? status.getReasonPhrase() : detail);
        return ResponseEntity.status(status)
                .headers(e.getHeaders())
                .contentType(MediaType.APPLICATION_JSON)
                .body(errors.body(error, request));
    }

    private ResponseEntity<Map<String, Object>> respond(ApiError error, HttpServletRequest request) {
        return errors.answer(error, request);
    }
}
