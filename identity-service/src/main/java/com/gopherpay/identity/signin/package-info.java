/**
 * {@code POST /auth/login}: the password check (the same work for unknown addresses), the hash upgrade, the per-account
 * throttle with increasing delays, and the session the sign-in opens.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"crypto", "audit", "problem", "user", "password", "session", "sql", "schedule"})
package com.gopherpay.identity.signin;
