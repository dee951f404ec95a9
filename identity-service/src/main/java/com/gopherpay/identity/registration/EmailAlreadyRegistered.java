package com.gopherpay.identity.registration;

import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;
import java.util.List;

/** An account with this (canonical) email exists; answered with 409 {@code email-already-registered}. */
public class EmailAlreadyRegistered extends ProblemException {

    static final ProblemType TYPE = new ProblemType("email-already-registered", 409, "Email already registered");

    public EmailAlreadyRegistered() {
        super(TYPE, "An account with this email address already exists. Sign in or reset your password instead.");
    }

    @Override
    public List<FieldProblem> errors() {
        return List.of(new FieldProblem("email", detail()));
    }
}
