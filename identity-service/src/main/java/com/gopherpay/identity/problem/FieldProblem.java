package com.gopherpay.identity.problem;

/**
 * One rejected input field, shown next to that field by the web form.
 *
 * @param field the JSON property name
 * @param message a sentence telling the person what to change
 */
public record FieldProblem(String field, String message) {}
