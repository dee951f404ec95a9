package com.gopherpay.novu.connect.sender;

import java.util.Optional;

/**
 * Novu's answer to one request.
 *
 * @param status HTTP status
 * @param body response body as text
 * @param retryAfter the Retry-After header, if any
 */
record NovuResponse(int status, String body, Optional<String> retryAfter) {

    boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    /** Statuses worth retrying: timeouts, idempotency in flight, rate limits and server errors. */
    boolean isTransient() {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** Redirects and "no such endpoint": the URL is wrong, not the record. */
    boolean isWrongEndpoint() {
        return (status >= 300 && status < 400) || status == 404 || status == 405;
    }

    boolean isAuthenticationFailure() {
        return status == 401 || status == 403;
    }
}
