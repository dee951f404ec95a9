package com.gopherpay.notification.workflow;

/** One email's content, fully rendered. */
public record RenderedEmail(String subject, String html, String text) {}
