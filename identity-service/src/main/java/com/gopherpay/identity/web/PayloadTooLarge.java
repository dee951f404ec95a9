package com.gopherpay.identity.web;

import java.io.IOException;

/** The request body is over {@link HttpProperties#maxBodySize()}. An IOException so body readers pass it through. */
class PayloadTooLarge extends IOException {

    PayloadTooLarge(long limit) {
        super("The request body is larger than " + limit + " bytes.");
    }
}
