package com.gopherpay.identity.signin;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.util.Map;

/** The right password on an account whose address is not confirmed yet: only now may the status be told. */
class EmailNotVerified extends ProblemException {

    static final ProblemType TYPE = new ProblemType("email-not-verified", 403, "Email not verified");

    static final String RESEND_URI = "/auth/verify-email/resend";

    EmailNotVerified() {
        super(
                TYPE,
                "Confirm your email address first: use the link in the email we sent you, or ask for a new one.",
                false);
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("resendUri", RESEND_URI);
    }
}
