/** Accounts: the {@code users} table and email address rules. Depends on no feature. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"sql"})
package com.gopherpay.identity.user;
