/**
 * Access tokens: the signing key and the keys still published, issuing and verifying ES256 JWTs (Nimbus JOSE+JWT),
 * and {@code GET /.well-known/jwks.json}.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"problem", "config", "user"})
package com.gopherpay.identity.token;
