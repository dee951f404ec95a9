/** Novu's error shape and the HTTP edge (body cap, Tomcat hardening); it knows none of the features. */
@ApplicationModule(allowedDependencies = {"config"})
package com.gopherpay.notification.web;

import org.springframework.modulith.ApplicationModule;
