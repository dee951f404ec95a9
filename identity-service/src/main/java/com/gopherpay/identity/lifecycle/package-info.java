/**
 * Account lifecycle events for other GopherPay services: every state change of an account becomes a CloudEvents 1.0
 * record on the {@code identity-events} topic, written to the outbox in the transaction of the change.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"user", "outbox"})
package com.gopherpay.identity.lifecycle;
