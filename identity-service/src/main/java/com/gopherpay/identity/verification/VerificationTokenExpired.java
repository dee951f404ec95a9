package com.gopherpay.identity.verification;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.util.Map;

/**
 * The token was valid but its time ran out; a new one can be requested. Answered with 410 {@code token-expired} and
 * the resend path.
 */
public class VerificationTokenExpired extends ProblemException {

    static final ProblemType TYPE = new ProblemType("token-expired", 410, "Verification link expired");

    public VerificationTokenExpired() {
        super(TYPE, "This verification link has expired. Request a new one with POST /auth/verify-email/resend.");
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("resend", VerificationController.RESEND_PATH);
    }
}
