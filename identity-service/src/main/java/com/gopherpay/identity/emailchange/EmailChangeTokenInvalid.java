package com.gopherpay.identity.emailchange;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;

/**
 * The email-change token is unknown, or its change is over (confirmed, cancelled, failed, or replaced by a newer
 * request); answered with 400 {@code email-change-token-invalid}.
 */
class EmailChangeTokenInvalid extends ProblemException {

    static final ProblemType TYPE = new ProblemType("email-change-token-invalid", 400, "Invalid email-change link");

    EmailChangeTokenInvalid() {
        super(
                TYPE,
                "This email-change link is not valid. It may have been used or cancelled already, or replaced by a"
                        + " newer request. Ask for the change again on your account page.",
                false);
    }
}
