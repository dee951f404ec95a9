package com.gopherpay.novu.connect.sender;

import org.apache.kafka.connect.errors.RetriableException;

/** Novu kept failing transiently until the retries ran out; the batch must be redelivered later. */
public final class NovuUnavailableException extends RetriableException {

    NovuUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
