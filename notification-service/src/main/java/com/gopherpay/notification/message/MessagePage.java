package com.gopherpay.notification.message;

import java.util.List;

/** One page of messages and the number of all that match. */
record MessagePage(List<StoredMessage> messages, long totalCount) {}
