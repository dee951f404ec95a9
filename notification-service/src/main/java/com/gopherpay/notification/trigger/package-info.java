/** Novu's trigger API: requests checked, deduplicated by transactionId, and queued as messages. */
@ApplicationModule(allowedDependencies = {"auth", "message", "shared", "subscriber", "web", "workflow"})
package com.gopherpay.notification.trigger;

import org.springframework.modulith.ApplicationModule;
