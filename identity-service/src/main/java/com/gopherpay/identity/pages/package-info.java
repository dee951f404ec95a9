/** The web pages served next to the API (registration and verification forms). Depends on no feature. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package com.gopherpay.identity.pages;
