package com.gopherpay.identity.problem;

import java.util.List;

/** Input that breaks one or more rules; answered with 400 {@code validation-failed} listing every field. */
public class InvalidInput extends ProblemException {

    /** Also the problem of a request body that fails its Bean Validation constraints. */
    private static final ProblemType TYPE = new ProblemType("validation-failed", 400, "Validation failed");

    private static final String DETAIL = "Some fields need attention.";

    private final List<FieldProblem> problems;

    public InvalidInput(List<FieldProblem> problems) {
        super(TYPE, DETAIL);
        this.problems = List.copyOf(problems);
    }

    /** Every rejected field, in the order the rules found them. */
    @Override
    public List<FieldProblem> errors() {
        return problems;
    }
}
