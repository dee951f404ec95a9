/**
 * The audit trail: an append-only record of what happened to accounts and who asked (client address, user agent),
 * written by the features through {@code AuditTrail} and, for state changes, from the user domain events.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"crypto", "user", "tracing", "sql"})
package com.gopherpay.identity.audit;
