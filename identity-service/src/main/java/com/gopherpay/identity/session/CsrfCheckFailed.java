package com.gopherpay.identity.session;

import com.gopherpay.identity.problem.ProblemException;
import com.gopherpay.identity.problem.ProblemType;

/**
 * A cookie-authenticated request without the matching {@code X-CSRF-Token} header, or from another origin; answered
 * 403. Nothing was changed.
 */
class CsrfCheckFailed extends ProblemException {

    static final ProblemType TYPE = new ProblemType("csrf-check-failed", 403, "Cross-site request refused");

    CsrfCheckFailed() {
        super(TYPE, "This request did not come from our pages. Reload the page and try again.", false);
    }
}
