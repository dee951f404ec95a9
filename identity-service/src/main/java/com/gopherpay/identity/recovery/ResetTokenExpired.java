package com.gopherpay.identity.recovery;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.util.Map;

/**
 * The reset token was valid but its time ran out; answered with 410 {@code reset-token-expired} and where to ask for
 * a new link.
 */
class ResetTokenExpired extends ProblemException {

    static final ProblemType TYPE = new ProblemType("reset-token-expired", 410, "Password-reset link expired");

    ResetTokenExpired() {
        super(
                TYPE,
                "This password-reset link has expired. Ask for a new one at " + PasswordResetController.FORGOT_PAGE
                        + ".");
    }

    @Override
    public Map<String, Object> properties() {
        return PasswordResetController.FORGOT_HINT;
    }
}
