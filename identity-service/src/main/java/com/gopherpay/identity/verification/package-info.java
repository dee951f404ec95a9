/** Verification tokens, {@code POST /auth/verify-email} and resends. */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "crypto",
            "audit",
            "problem",
            "user",
            "password",
            "notification",
            "outbox",
            "sql",
            "tracing"
        })
package com.gopherpay.identity.verification;
