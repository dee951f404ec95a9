package com.gopherpay.novu.connect.record;

import org.apache.kafka.connect.errors.DataException;

/** The record's value is not a usable Novu trigger body; retrying cannot help. */
public final class MalformedRecordException extends DataException {

    MalformedRecordException(String message) {
        super(message);
    }

    MalformedRecordException(String message, Throwable cause) {
        super(message, cause);
    }
}
