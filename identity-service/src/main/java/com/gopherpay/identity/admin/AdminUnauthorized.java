package com.gopherpay.identity.admin;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;

/** No admin token, or not the configured one: 401 {@code admin-unauthorized}. */
class AdminUnauthorized extends ProblemException {

    static final ProblemType TYPE = new ProblemType("admin-unauthorized", 401, "Admin token required");

    AdminUnauthorized() {
        super(TYPE, "Send the admin token as Authorization: Bearer <token>.", false);
    }
}
