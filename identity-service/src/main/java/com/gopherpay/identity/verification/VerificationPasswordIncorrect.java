package com.gopherpay.identity.verification;

import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.util.List;
import java.util.Map;

/**
 * The password sent with a verification token is not the account's. Only the holder of the emailed link gets this
 * far, and the answer names no account, so it reveals nothing about who is registered. Answered with 400 {@code
 * password-incorrect}, the password field's error and {@code attemptsLeft}.
 */
public class VerificationPasswordIncorrect extends ProblemException {

    static final ProblemType TYPE = new ProblemType("password-incorrect", 400, "Wrong password");

    private final int attemptsLeft;

    public VerificationPasswordIncorrect(int attemptsLeft) {
        super(
                TYPE,
                "This is not the password of the account this link belongs to. Try again, or set a new password"
                        + " instead.");
        this.attemptsLeft = attemptsLeft;
    }

    /** How many more passwords this link accepts before it stops working. */
    public int attemptsLeft() {
        return attemptsLeft;
    }

    @Override
    public List<FieldProblem> errors() {
        return List.of(new FieldProblem("password", detail()));
    }

    @Override
    public Map<String, Object> properties() {
        return Map.of("attemptsLeft", attemptsLeft);
    }
}
