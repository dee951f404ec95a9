/** The SMTP delivery worker: claims due messages, sends them, retries what is transient. */
@ApplicationModule(allowedDependencies = {"config", "message", "workflow"})
package com.gopherpay.notification.delivery;

import org.springframework.modulith.ApplicationModule;
