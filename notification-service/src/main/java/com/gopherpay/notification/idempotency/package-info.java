/** Novu's Idempotency-Key: stored answers replayed per environment and key. */
@ApplicationModule(allowedDependencies = {"config", "auth", "shared", "web"})
package com.gopherpay.notification.idempotency;

import org.springframework.modulith.ApplicationModule;
