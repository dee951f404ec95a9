/** API keys (held as SHA-256 digests) and the filter that authenticates every request but the probes. */
@ApplicationModule(allowedDependencies = {"config", "shared", "web"})
package com.gopherpay.notification.auth;

import org.springframework.modulith.ApplicationModule;
