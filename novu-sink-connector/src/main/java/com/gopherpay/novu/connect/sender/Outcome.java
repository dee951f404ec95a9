package com.gopherpay.novu.connect.sender;

import com.gopherpay.novu.connect.record.Trigger;

/** What became of one trigger: acknowledged by Novu, or rejected for good. */
public sealed interface Outcome permits Outcome.Delivered, Outcome.Rejected {

    Trigger trigger();

    /** Novu acknowledged the trigger. */
    record Delivered(Trigger trigger) implements Outcome {}

    /** Novu will not send it, or no request could be built for it; retrying cannot help. */
    record Rejected(Trigger trigger, Rejection rejection) implements Outcome {}
}
