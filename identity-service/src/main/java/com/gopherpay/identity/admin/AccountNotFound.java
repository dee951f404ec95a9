package com.gopherpay.identity.admin;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;

/** No account has this id (any more): 404 {@code account-not-found}. */
class AccountNotFound extends ProblemException {

    static final ProblemType TYPE = new ProblemType("account-not-found", 404, "No such account");

    AccountNotFound() {
        super(TYPE, "No account has this id; it may have been deleted.", false);
    }
}
