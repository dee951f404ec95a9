/**
 * Sessions after sign-in: refresh-token families (rotation on every use, reuse detection, revocation, revocation on a
 * new password), {@code POST /auth/token/refresh}, {@code /auth/logout} and {@code /auth/token/revoke}, and how token
 * answers are delivered (body, or the browser's cookies with their CSRF check).
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"crypto", "problem", "config", "user", "token", "sql", "schedule"})
package com.gopherpay.identity.session;
