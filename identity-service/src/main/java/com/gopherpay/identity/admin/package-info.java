/**
 * The operator API: a separate connector (loopback by default) serving {@code /admin/**} only, authenticated with an
 * admin token, to find accounts stuck before verification, act on a person's behalf and read their audit trail.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"crypto", "audit", "problem", "user", "verification"})
package com.gopherpay.identity.admin;
