/**
 * The W3C trace context of the request being served, captured at the web edge and carried with the work it causes
 * (outbox rows, resends handled after the answer), so that a record on Kafka can be traced to its request.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package com.gopherpay.identity.tracing;
