package com.gopherpay.identity.problem;

import org.springframework.util.Assert;

/**
 * One kind of RFC 9457 problem this service answers with. The web edge turns {@code code} into the stable {@code type}
 * URI {@code https://gopherpay.dev/problems/<code>} and also sends it as the {@code code} member.
 *
 * @param code the slug naming the problem, e.g. {@code token-expired}; never changes once published
 * @param status the HTTP status code it is answered with
 * @param title a short human summary, the same for every occurrence
 */
public record ProblemType(String code, int status, String title) {

    public ProblemType {
        Assert.hasText(code, "code must not be empty");
        Assert.isTrue(status >= 400 && status <= 599, "status must be an error status");
        Assert.hasText(title, "title must not be empty");
    }
}
