/**
 * The W3C trace context and the origin (client address, user agent) of the request being served, captured at the web
 * edge and carried with the work it causes (outbox rows, audit rows, resends handled after the answer), so that a
 * record on Kafka or in the audit trail can be traced to its request.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package com.gopherpay.identity.tracing;
