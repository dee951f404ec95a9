package com.gopherpay.identity.emailchange;

import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.util.List;

/**
 * The password sent with an email change is not the signed-in account's; answered with 403 {@code
 * current-password-incorrect} (the access token is fine, so not 401) and the password field's error. Nothing was
 * stored or sent.
 */
class CurrentPasswordIncorrect extends ProblemException {

    static final ProblemType TYPE = new ProblemType("current-password-incorrect", 403, "Wrong password");

    CurrentPasswordIncorrect() {
        super(TYPE, "This is not your current password. Enter the password you sign in with.", false);
    }

    @Override
    public List<FieldProblem> errors() {
        return List.of(new FieldProblem("password", detail()));
    }
}
