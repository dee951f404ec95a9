/** Workflows: Liquid templates, the variables they require and the payload check. */
@ApplicationModule(allowedDependencies = {"config"})
package com.gopherpay.notification.workflow;

import org.springframework.modulith.ApplicationModule;
