package com.gopherpay.notification.subscriber;

import java.util.Map;

/**
 * The fields a trigger's {@code to} object carries for one subscriber. Only keys present in {@code fields} change the
 * stored subscriber; a present {@code null} clears the field (Novu's upsert semantics).
 *
 * @param subscriberId the subscriber's id
 * @param fields present fields by their Novu name ({@code email}, {@code firstName}, ..., {@code data})
 */
public record SubscriberChanges(String subscriberId, Map<String, Object> fields) {}
