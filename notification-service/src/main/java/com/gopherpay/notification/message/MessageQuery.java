package com.gopherpay.notification.message;

import java.util.List;

/** The filter of {@code GET /v1/messages}. */
record MessageQuery(
        String environmentId, List<String> transactionIds, String subscriberId, String channel, int page, int limit) {}
