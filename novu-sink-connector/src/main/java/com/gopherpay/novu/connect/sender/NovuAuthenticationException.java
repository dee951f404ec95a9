package com.gopherpay.novu.connect.sender;

import org.apache.kafka.connect.errors.ConnectException;

/** Novu refused the API key (401/403): every record would fail the same way, so the task must stop. */
public final class NovuAuthenticationException extends ConnectException {

    NovuAuthenticationException(String message) {
        super(message);
    }
}
