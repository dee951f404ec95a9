/** Helpers for the plain SQL every feature runs through {@code JdbcClient}. Depends on nothing else in the service. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package com.gopherpay.identity.sql;
