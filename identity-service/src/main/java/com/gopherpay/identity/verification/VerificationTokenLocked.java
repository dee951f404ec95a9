package com.gopherpay.identity.verification;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.util.Map;

/**
 * Too many wrong passwords were sent with this token, so it no longer works; a new link can be requested. Answered
 * with 400 {@code token-locked} and the resend path.
 */
public class VerificationTokenLocked extends ProblemException {

    static final ProblemType TYPE = new ProblemType("token-locked", 400, "Verification link locked");

    public VerificationTokenLocked() {
        super(
                TYPE,
                "Too many wrong passwords were entered with this link, so it no longer works. Request a new link with"
                        + " POST /auth/verify-email/resend.");
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("resend", VerificationController.RESEND_PATH);
    }
}
