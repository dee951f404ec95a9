package com.gopherpay.notification.message;

/** Published inside the trigger's transaction; the delivery worker wakes up once it has committed. */
public record MessagesQueued(int count) {}
