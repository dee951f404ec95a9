package com.gopherpay.identity.recovery;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.util.Map;

/**
 * The reset token is unknown, already used, or replaced (by a newer link or a new password); answered with 400
 * {@code reset-token-invalid} and where to ask for a new link.
 */
class ResetTokenInvalid extends ProblemException {

    static final ProblemType TYPE = new ProblemType("reset-token-invalid", 400, "Invalid password-reset link");

    ResetTokenInvalid() {
        super(
                TYPE,
                "This password-reset link is not valid. It may have been used already or replaced by a newer one."
                        + " Ask for a new link at " + PasswordResetController.FORGOT_PAGE + ".");
    }

    @Override
    public Map<String, Object> properties() {
        return PasswordResetController.FORGOT_HINT;
    }
}
