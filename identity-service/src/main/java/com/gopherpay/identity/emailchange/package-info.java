/**
 * Email change: {@code POST /account/email} (signed in, with the current password) asks for a new address, which is
 * switched only once the new mailbox confirms it ({@code POST /account/email/confirm}); the current address is told
 * and can cancel ({@code POST /account/email/cancel}). Uniqueness is checked again when the change is confirmed.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "crypto",
            "audit",
            "problem",
            "user",
            "password",
            "notification",
            "token",
            "signin",
            "sql"
        })
package com.gopherpay.identity.emailchange;
