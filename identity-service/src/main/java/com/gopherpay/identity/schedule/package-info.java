/**
 * The one way the service runs periodic work (housekeeping, cleanups, the outbox sweep): a named daemon thread per
 * task, fixed delay between runs, a failed run logged and retried at the next one, and batched deletes that stop when
 * a batch comes back short. Depends on nothing else in the service.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package com.gopherpay.identity.schedule;
