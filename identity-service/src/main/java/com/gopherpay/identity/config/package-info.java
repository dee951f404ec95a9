/** Settings shared by several features, and the Clock, SecureRandom and id beans every feature is given. Depends on no feature. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package com.gopherpay.identity.config;
