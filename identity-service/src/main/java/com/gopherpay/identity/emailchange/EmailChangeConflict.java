package com.gopherpay.identity.emailchange;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;

/**
 * When the change was confirmed, the new address belonged to another account (registered, or switched to, after the
 * change was asked for); answered with 409 {@code email-change-conflict}. The account keeps its address and the change
 * is over. Only the holder of the new mailbox's link gets this, so it tells nobody else anything.
 */
class EmailChangeConflict extends ProblemException {

    static final ProblemType TYPE = new ProblemType("email-change-conflict", 409, "Email address taken");

    EmailChangeConflict() {
        super(
                TYPE,
                "Another account started using this email address after the change was asked for, so your address was"
                        + " not changed. Your account keeps its current address; choose another new address on your"
                        + " account page.",
                false);
    }
}
