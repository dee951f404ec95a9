package com.gopherpay.novu.connect.sender;

import com.gopherpay.novu.connect.record.Trigger;

/**
 * What became of one trigger: acknowledged by Novu, or rejected for good.
 *
 * @param trigger the trigger
 * @param delivered whether Novu acknowledged it
 * @param status HTTP status of the response that decided it (for a bulk element, the bulk response's status)
 * @param responseBody Novu's response (for a bulk element, that element's result)
 * @param reason human-readable reason of a rejection, null when delivered
 */
public record Outcome(Trigger trigger, boolean delivered, int status, String responseBody, String reason) {

    static Outcome delivered(Trigger trigger, int status, String responseBody) {
        return new Outcome(trigger, true, status, responseBody, null);
    }

    static Outcome rejected(Trigger trigger, int status, String responseBody, String reason) {
        return new Outcome(trigger, false, status, responseBody, reason);
    }
}
