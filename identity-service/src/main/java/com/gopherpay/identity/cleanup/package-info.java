/**
 * Never-verified accounts are deleted after a grace period, which frees their addresses: a scheduled job that one
 * instance at a time runs.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"user", "audit", "notification", "verification", "schedule"})
package com.gopherpay.identity.cleanup;
