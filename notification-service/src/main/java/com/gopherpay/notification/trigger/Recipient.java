package com.gopherpay.notification.trigger;

import com.gopherpay.notification.subscriber.SubscriberChanges;

/** One entry of a trigger's {@code to}. */
sealed interface Recipient {

    /** {@code "to": "<subscriberId>"}: refers to an existing subscriber, changes nothing. */
    record Reference(String subscriberId) implements Recipient {}

    /** {@code "to": {"subscriberId": …, "email": …}}: created or updated just in time. */
    record Inline(SubscriberChanges changes) implements Recipient {}

    /** {@code "to": {"type": "Topic", "topicKey": …}}: topics are not kept here, so it reaches nobody. */
    record Topic(String topicKey) implements Recipient {}
}
