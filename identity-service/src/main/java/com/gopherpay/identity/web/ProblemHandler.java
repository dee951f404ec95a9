package com.gopherpay.identity.web;

import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.InvalidInput;
import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.net.URI;
import java.sql.SQLException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.util.IdGenerator;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure into RFC 9457 {@code application/problem+json}: a stable {@code type} URI and {@code code},
 * a human {@code title} and {@code detail}, and for validation an {@code errors} list of {@code {field, message}}.
 * Nothing internal (stack traces, SQL, class names) reaches the client.
 */
@RestControllerAdvice
class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);
    private static final String TYPE_BASE = "https://gopherpay.dev/problems/";

    private final HttpProperties properties;
    private final IdGenerator ids;

    ProblemHandler(HttpProperties properties, IdGenerator ids) {
        this.properties = properties;
        this.ids = ids;
    }

    /**
     * Every failure a feature expects: the exception names its problem type, fields, further members and Retry-After,
     * so this class knows no feature.
     */
    @ExceptionHandler(ProblemException.class)
    ResponseEntity<Object> expected(ProblemException e) {
        ProblemType type = e.type();
        Problem problem = problem(HttpStatusCode.valueOf(type.status()), type.code(), type.title(), e.detail());
        if (!e.errors().isEmpty()) {
            problem.errors(e.errors());
        }
        e.properties().forEach(problem.detail()::setProperty);
        HttpHeaders headers = new HttpHeaders();
        e.headers().forEach(headers::set);
        e.retryAfter()
                .ifPresent(retryAfter -> headers.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter.toSeconds())));
        return respond(problem, headers);
    }

    @ExceptionHandler({
        CannotCreateTransactionException.class,
        DataAccessResourceFailureException.class,
        TransientDataAccessException.class,
        RecoverableDataAccessException.class,
        QueryTimeoutException.class,
        TransactionSystemException.class
    })
    ResponseEntity<Object> databaseUnavailable(Exception e) {
        log.warn("Database unavailable: {}", e.toString());
        return serviceUnavailable();
    }

    /**
     * SQLSTATE class 22 (data exception: a NUL character, a malformed value) means the input, not the server, is at
     * fault. Validation should catch such values first; this keeps one it misses from becoming a 500.
     */
    @ExceptionHandler({DataIntegrityViolationException.class, UncategorizedSQLException.class})
    ResponseEntity<Object> dataRejected(DataAccessException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql
                    && sql.getSQLState() != null
                    && sql.getSQLState().startsWith("22")) {
                log.warn("Database refused a value from a request (SQLSTATE {})", sql.getSQLState());
                return respond(
                        problem(
                                HttpStatus.BAD_REQUEST,
                                "malformed-request",
                                "Malformed request",
                                "The request contains a value that cannot be stored, such as a NUL character."),
                        new HttpHeaders());
            }
        }
        return unexpected(e);
    }

    /** The stack trace goes to the log under a random id; the client gets only the id, to quote when it asks. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        String errorId = ids.generateId().toString();
        log.error("Unexpected failure, errorId={}", errorId, e);
        Problem problem = problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "internal-error",
                "Internal error",
                "Something went wrong on our side. Please try again later. Quote error id " + errorId
                        + " if you contact us.");
        problem.detail().setProperty("errorId", errorId);
        return respond(problem, new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Bodies over the cap never get here: BodySizeLimitValve answers them before the application runs.
        return respond(
                problem(
                        HttpStatus.BAD_REQUEST,
                        "malformed-request",
                        "Malformed request",
                        "The request body is missing or is not the JSON object this endpoint expects."),
                new HttpHeaders());
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return validationFailed(e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .toList());
    }

    /** Every other Spring MVC failure (404, 405, 406, 415, …): keep Spring's status and detail, add our type/code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (status.value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
            return serviceUnavailable();
        }
        HttpStatus known = HttpStatus.resolve(status.value());
        String title = known == null ? "Error" : known.getReasonPhrase();
        String code = known == null ? "error" : codeFor(known);
        String detail = body instanceof ProblemDetail spring && spring.getDetail() != null ? spring.getDetail() : title;
        Problem problem = problem(status, code, title, detail);
        HttpHeaders kept = new HttpHeaders();
        if (headers != null) {
            kept.putAll(headers);
        }
        return respond(problem, kept);
    }

    private static String codeFor(HttpStatus status) {
        return switch (status) {
            case UNSUPPORTED_MEDIA_TYPE -> "unsupported-media-type";
            case METHOD_NOT_ALLOWED -> "method-not-allowed";
            case NOT_FOUND -> "not-found";
            case NOT_ACCEPTABLE -> "not-acceptable";
            case CONTENT_TOO_LARGE -> "payload-too-large";
            case BAD_REQUEST -> "malformed-request";
            default ->
                status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replace(' ', '-');
        };
    }

    private ResponseEntity<Object> validationFailed(List<FieldProblem> errors) {
        return expected(new InvalidInput(errors));
    }

    private ResponseEntity<Object> serviceUnavailable() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(
                HttpHeaders.RETRY_AFTER,
                String.valueOf(Math.max(1, properties.unavailableRetryAfter().toSeconds())));
        return respond(
                problem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "service-unavailable",
                        "Service unavailable",
                        "We cannot process this right now. Nothing was saved; please try again shortly."),
                headers);
    }

    private static Problem problem(HttpStatusCode status, String code, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + code));
        problem.setTitle(title);
        problem.setProperty("code", code);
        return new Problem(problem);
    }

    private static ResponseEntity<Object> respond(Problem problem, HttpHeaders headers) {
        headers.remove(HttpHeaders.CONTENT_TYPE);
        return ResponseEntity.status(problem.detail().getStatus())
                .headers(headers)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem.detail());
    }

    private record Problem(ProblemDetail detail) {
        Problem errors(List<FieldProblem> errors) {
            detail.setProperty("errors", errors);
            return this;
        }
    }
}
