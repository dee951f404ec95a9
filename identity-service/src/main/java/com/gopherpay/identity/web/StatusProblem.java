package com.gopherpay.identity.web;

import java.util.Locale;
import org.springframework.http.HttpStatus;

/** The problem for an error known only by its status code (container rejections, error dispatches). */
record StatusProblem(String code, String title, String detail) {

    static StatusProblem of(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        if (known == null) {
            return new StatusProblem("error", "Error", "The request could not be processed.");
        }
        return switch (known) {
            case BAD_REQUEST ->
                new StatusProblem(
                        "malformed-request",
                        "Malformed request",
                        "The request is not valid HTTP for this service (its address, headers or body).");
            case NOT_FOUND -> new StatusProblem("not-found", "Not Found", "There is nothing at this address.");
            case METHOD_NOT_ALLOWED ->
                new StatusProblem(
                        "method-not-allowed", "Method Not Allowed", "This method is not supported at this address.");
            case NOT_ACCEPTABLE ->
                new StatusProblem(
                        "not-acceptable", "Not Acceptable", "This service answers with JSON (problem+json on errors).");
            case UNSUPPORTED_MEDIA_TYPE ->
                new StatusProblem(
                        "unsupported-media-type", "Unsupported Media Type", "Send the body as application/json.");
            case CONTENT_TOO_LARGE ->
                new StatusProblem("payload-too-large", "Request too large", "The request body is too large.");
            case URI_TOO_LONG -> new StatusProblem("uri-too-long", "URI Too Long", "The request address is too long.");
            case REQUEST_HEADER_FIELDS_TOO_LARGE ->
                new StatusProblem(
                        "headers-too-large", "Request Header Fields Too Large", "The request headers are too large.");
            case SERVICE_UNAVAILABLE ->
                new StatusProblem(
                        "service-unavailable",
                        "Service unavailable",
                        "We cannot process this right now. Please try again shortly.");
            default -> {
                if (known.is5xxServerError()) {
                    yield new StatusProblem(
                            "internal-error",
                            "Internal error",
                            "Something went wrong on our side. Please try again later.");
                }
                yield new StatusProblem(
                        known.getReasonPhrase().toLowerCase(Locale.ROOT).replace(' ', '-'),
                        known.getReasonPhrase(),
                        known.getReasonPhrase() + ".");
            }
        };
    }
}
