package com.gopherpay.novu.connect.sender;

import org.apache.kafka.connect.errors.ConnectException;

/** The configured URL does not lead to Novu's trigger API (redirect, 404, 405): every record would fail alike. */
public final class NovuEndpointException extends ConnectException {

    NovuEndpointException(String message) {
        super(message);
    }
}
