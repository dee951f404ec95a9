package com.gopherpay.identity.kafka;

/**
 * A topic this service publishes to and makes sure exists (with its partitions and retention) before publishing. The
 * outbox publishes nothing until every such topic is there; a second topic is one more bean of this type.
 */
public interface ProvisionedTopic {

    String name();

    /** Creates the topic when missing; false (and logged) while that is not possible yet. */
    boolean ensureCreated();
}
