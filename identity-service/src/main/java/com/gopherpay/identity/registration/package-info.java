/** {@code POST /auth/register}: validates, stores the pending account and its first verification token, notifies. */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"audit", "problem", "user", "password", "verification", "notification", "web"})
package com.gopherpay.identity.registration;
