/** Small helpers every feature may use: the SHA-256 digest and the Instant/timestamptz conversion. */
@ApplicationModule(allowedDependencies = {})
package com.gopherpay.notification.shared;

import org.springframework.modulith.ApplicationModule;
