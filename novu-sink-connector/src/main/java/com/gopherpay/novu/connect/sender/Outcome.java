package com.gopherpay.novu.connect.sender;

import com.gopherpay.novu.connect.record.Trigger;

/**
 * What became of one trigger: acknowledged by Novu, or rejected for good.
 *
 * @param trigger the trigger
 * @param delivered whether Novu acknowledged it
 * @param status HTTP status of the response that decided it (for a bulk element, the bulk response's status); null
 *     when the trigger never reached Novu
 * @param responseBody Novu's response (for a bulk element, that element's result), at most
 *     {@value #MAX_RESPONSE_BODY_CHARS} characters, or null
 * @param reason human-readable reason of a rejection, null when delivered
 * @param cause the exception behind a rejection that happened before Novu was called, else null
 */
public record Outcome(
        Trigger trigger, boolean delivered, Integer status, String responseBody, String reason, Throwable cause) {

    /** Enough of Novu's answer to debug a rejection from a record header, without unbounded headers. */
    public static final int MAX_RESPONSE_BODY_CHARS = 8_000;

    static Outcome delivered(Trigger trigger, int status, String responseBody) {
        return new Outcome(
                trigger, true, status, TriggerSender.abbreviate(responseBody, MAX_RESPONSE_BODY_CHARS), null, null);
    }

    static Outcome rejected(Trigger trigger, int status, String responseBody, String reason) {
        return new Outcome(
                trigger, false, status, TriggerSender.abbreviate(responseBody, MAX_RESPONSE_BODY_CHARS), reason, null);
    }

    /** Rejected without calling Novu, because no valid request could be built for it. */
    static Outcome unsendable(Trigger trigger, String reason, Throwable cause) {
        return new Outcome(trigger, false, null, null, reason, cause);
    }
}
