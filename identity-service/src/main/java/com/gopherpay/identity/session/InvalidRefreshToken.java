package com.gopherpay.identity.session;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;

/** Unknown, expired, revoked or already used refresh token (reuse also ends its family); answered 401. */
class InvalidRefreshToken extends ProblemException {

    static final ProblemType TYPE = new ProblemType("invalid-refresh-token", 401, "Invalid refresh token");

    InvalidRefreshToken() {
        super(TYPE, "This session has ended. Please sign in again.", false);
    }
}
