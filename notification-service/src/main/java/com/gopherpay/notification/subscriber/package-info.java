/** Novu's subscribers, upserted just in time per environment. */
@ApplicationModule(allowedDependencies = {"shared"})
package com.gopherpay.notification.subscriber;

import org.springframework.modulith.ApplicationModule;
