/** Per-client and global request limits, counted in PostgreSQL; refuses with its own {@code RateLimited} problem. */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"audit", "problem", "sql"})
package com.gopherpay.identity.ratelimit;
