package com.gopherpay.benchmarks;

/** One request of a load generator. */
interface Operation {

    /** Sends the request and returns its HTTP status. */
    int call() throws Exception;
}
