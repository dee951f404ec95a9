/** The HTTP edge: problem+json for every failure, the body cap, container errors, security headers, the OpenAPI document. Knows the problem vocabulary and no feature. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"problem"})
package com.gopherpay.identity.web;
