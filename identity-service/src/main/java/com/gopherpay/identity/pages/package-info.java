/**
 * The web pages served next to the API (registration, verification, sign-in, password recovery, account) and the
 * password rules they show. Depends only on the password rules.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"password"})
package com.gopherpay.identity.pages;
