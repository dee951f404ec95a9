/**
 * The vocabulary every feature uses to describe its expected failures ({@link
 * com.gopherpay.identity.problem.ProblemException}, {@link com.gopherpay.identity.problem.ProblemType}); the web edge
 * turns them into problem+json. Depends on nothing else in the service.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {})
package com.gopherpay.identity.problem;
