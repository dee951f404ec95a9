package com.gopherpay.localstack;

/** A part of the stack could not start; the message is the one line the user sees. */
public class StartupFailed extends RuntimeException {

    public StartupFailed(String reason) {
        super(reason);
    }

    public StartupFailed(String reason, Throwable cause) {
        super(reason, cause);
    }
}
