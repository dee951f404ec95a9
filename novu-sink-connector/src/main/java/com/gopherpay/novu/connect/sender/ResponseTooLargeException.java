package com.gopherpay.novu.connect.sender;

import java.io.IOException;

/**
 * Novu's answer was longer than {@code http.response.max.bytes}. An IO failure like a broken connection: the request's
 * fate is unknown, so it is retried with the same Idempotency-Key.
 */
final class ResponseTooLargeException extends IOException {

    ResponseTooLargeException(int maxBytes) {
        super("the response body exceeds http.response.max.bytes (" + maxBytes + " bytes); not read further");
    }
}
