package com.gopherpay.identity.verification;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;

/** The token is unknown, already used, or replaced by a newer one; answered with 400 {@code token-invalid}. */
public class VerificationTokenInvalid extends ProblemException {

    static final ProblemType TYPE = new ProblemType("token-invalid", 400, "Invalid verification link");

    public VerificationTokenInvalid() {
        super(TYPE, "This verification link is not valid. It may have been used already or replaced by a newer one.");
    }
}
