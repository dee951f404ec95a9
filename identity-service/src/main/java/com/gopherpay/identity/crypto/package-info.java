/** The one SHA-256 helper and the one generator of secret tokens every feature uses. Depends on nothing. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package com.gopherpay.identity.crypto;
