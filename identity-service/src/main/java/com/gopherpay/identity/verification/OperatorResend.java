package com.gopherpay.identity.verification;

import com.gopherpay.identity.user.EmailAddress;
import com.gopherpay.identity.user.User;
import org.springframework.stereotype.Component;

/**
 * A resend an operator asks for on a person's behalf: the same rules as the person's own (cooldown, hourly limit,
 * live links), run at once, with the outcome returned instead of hidden.
 */
@Component
public class OperatorResend {

    private final VerificationService verification;

    OperatorResend(VerificationService verification) {
        this.verification = verification;
    }

    /** {@code sent}, {@code cooldown}, {@code limit} or {@code not-pending}. */
    public String resend(User user) {
        return EmailAddress.parse(user.email())
                .map(address -> verification.resendIfDue(address.canonical()))
                .orElse("not-pending");
    }
}
