/** The signed-in person's account: {@code GET /account} and {@code PATCH /account/settings}, behind a bearer token. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"problem", "user", "token", "sql"})
package com.gopherpay.identity.account;
