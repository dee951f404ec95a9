package com.gopherpay.novu.connect.sender;

import com.fasterxml.jackson.databind.JsonNode;
import com.gopherpay.novu.connect.record.Trigger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides whether Novu's short error message may be passed on. Such messages ("workflow_not_found", "Validation Error",
 * "API rate limit exceeded") are what makes a rejection understandable, but Novu may also quote what it received, and
 * the reason travels into logs and DLQ headers. A message passes only when it cannot be carrying a value of the
 * triggers at hand: plain words and punctuation (no URL, address or long token), and no value or word of the triggers.
 */
final class NovuMessages {

    static final String WITHHELD = "(Novu's message withheld: it may quote the record)";

    private static final int MAX_CHARS = 200;
    /** Letters, digits, spaces and sentence punctuation; no '/', '@', '?', '=', '&', '%', '+' of links and addresses. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9 _.,:;'()\\[\\]\"-]+");

    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9]+");
    /** Longer runs look like tokens or keys, not like words. */
    private static final int MAX_WORD_CHARS = 24;
    /** Shorter values and words are too common to tell anything about the record. */
    private static final int MIN_MATCH_CHARS = 4;

    private final List<String> values = new ArrayList<>();
    private final Set<String> words = new HashSet<>();

    /**
     * For messages about these triggers. Their workflow names and transactionIds are identifiers, not payload, and
     * Novu's messages name workflows ("workflow_not_found").
     */
    NovuMessages(List<Trigger> triggers) {
        for (Trigger trigger : triggers) {
            trigger.body().fields().forEachRemaining(field -> {
                if (!field.getKey().equals("name") && !field.getKey().equals("transactionId")) {
                    collect(field.getValue());
                }
            });
        }
    }

    /** The message if it is safe to pass on, else empty. */
    Optional<String> safe(String message) {
        if (message == null || message.isBlank() || message.length() > MAX_CHARS) {
            return Optional.empty();
        }
        if (!PLAIN.matcher(message).matches()) {
            return Optional.empty();
        }
        String lower = message.toLowerCase(Locale.ROOT);
        if (values.stream().anyMatch(lower::contains)) {
            return Optional.empty();
        }
        Matcher word = WORD.matcher(lower);
        while (word.find()) {
            String found = word.group();
            if (found.length() > MAX_WORD_CHARS || words.contains(found)) {
                return Optional.empty();
            }
        }
        return Optional.of(message);
    }

    /** The message if safe, else {@link #WITHHELD}; empty stays empty. */
    String safeOrWithheld(String message) {
        if (message == null || message.isEmpty()) {
            return "";
        }
        return safe(message).orElse(WITHHELD);
    }

    private void collect(JsonNode node) {
        if (node.isContainerNode()) {
            node.elements().forEachRemaining(this::collect);
            return;
        }
        String text = node.asText().toLowerCase(Locale.ROOT);
        if (text.length() >= MIN_MATCH_CHARS) {
            values.add(text);
        }
        Matcher word = WORD.matcher(text);
        while (word.find()) {
            if (word.group().length() >= MIN_MATCH_CHARS) {
                words.add(word.group());
            }
        }
    }
}
