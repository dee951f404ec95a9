package com.gopherpay.identity.token;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing or unreadable signing key into Spring Boot's start-up report with one line of reason and the fix. */
class SigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<SigningKeyUnavailable> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SigningKeyUnavailable cause) {
        return new FailureAnalysis(
                "No access-token signing key: " + cause.getMessage(),
                "Set identity.token.signing-key to a P-256 private key file (PEM PKCS#8 or JWK), or"
                        + " identity.token.signing-key-jwk to the JWK JSON; for development only,"
                        + " identity.token.generate-ephemeral-key=true. See docs/sign-in.md.",
                cause);
    }
}
