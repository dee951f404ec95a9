package com.gopherpay.identity.signin;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;

/** Wrong password or no such account: one answer for both, so sign-in reveals no addresses. */
class InvalidCredentials extends ProblemException {

    static final ProblemType TYPE = new ProblemType("invalid-credentials", 401, "Invalid credentials");

    InvalidCredentials() {
        super(TYPE, "The email address or password is not right.", false);
    }
}
