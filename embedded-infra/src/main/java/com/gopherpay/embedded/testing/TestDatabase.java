package com.gopherpay.embedded.testing;

/** Where a test's own, freshly created database lives. */
public record TestDatabase(String jdbcUrl, String username, String password) {}
