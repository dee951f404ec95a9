package com.gopherpay.identity.emailchange;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;

/** The email-change token was valid but its time ran out; answered with 410 {@code email-change-token-expired}. */
class EmailChangeTokenExpired extends ProblemException {

    static final ProblemType TYPE = new ProblemType("email-change-token-expired", 410, "Email-change link expired");

    EmailChangeTokenExpired() {
        super(
                TYPE,
                "This email-change link has expired. Your address did not change; ask for the change again on your"
                        + " account page.",
                false);
    }
}
