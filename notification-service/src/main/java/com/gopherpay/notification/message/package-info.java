/** Queued, sent and failed messages: their table, the redaction of live content and GET /v1/messages. */
@ApplicationModule(allowedDependencies = {"config", "auth", "shared", "web"})
package com.gopherpay.notification.message;

import org.springframework.modulith.ApplicationModule;
