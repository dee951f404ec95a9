/**
 * Password recovery: {@code POST /auth/password/forgot} emails a single-use reset link, {@code POST
 * /auth/password/reset} sets a new password with it (and confirms a pending account's address).
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "crypto",
            "audit",
            "problem",
            "user",
            "password",
            "notification",
            "verification",
            "sql",
            "tracing"
        })
package com.gopherpay.identity.recovery;
