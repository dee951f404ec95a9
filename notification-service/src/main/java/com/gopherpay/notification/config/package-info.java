/** Typed, validated configuration and the time, randomness and id beans every feature uses. */
@ApplicationModule(allowedDependencies = {})
package com.gopherpay.notification.config;

import org.springframework.modulith.ApplicationModule;
