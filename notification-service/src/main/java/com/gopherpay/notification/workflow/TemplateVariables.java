package com.gopherpay.notification.workflow;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the variables a template cannot do without: every {@code payload.*} or {@code subscriber.*} printed by an
 * output tag ({@code {{ payload.verificationLink }}}) without a {@code default} filter, unless the template tests it
 * somewhere in a condition ({@code {% if payload.resetLink %}}), which marks it optional. Checking these before
 * rendering is how a trigger is refused instead of an email going out half-empty.
 */
final class TemplateVariables {

    private static final Pattern OUTPUT = Pattern.compile("\\{\\{-?(.*?)-?}}", Pattern.DOTALL);
    private static final Pattern VARIABLE =
            Pattern.compile("^\\s*((?:payload|subscriber)(?:\\.[A-Za-z_][A-Za-z0-9_-]*)+)\\s*$");
    private static final Pattern CONDITION =
            Pattern.compile("\\{%-?\\s*(?:if|elsif|unless)\\s(.*?)-?%}", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("(?:payload|subscriber)(?:\\.[A-Za-z_][A-Za-z0-9_-]*)+");
    private static final Pattern DEFAULT_FILTER = Pattern.compile("\\|\\s*default\\b");
    private static final Pattern RAW_OR_COMMENT =
            Pattern.compile("\\{%-?\\s*(raw|comment)\\s*-?%}.*?\\{%-?\\s*end\\1\\s*-?%}", Pattern.DOTALL);

    private TemplateVariables() {}

    /** Dotted paths such as {@code payload.verificationLink}, in order of first use. */
    static Set<String> required(String template) {
        String source = RAW_OR_COMMENT.matcher(template).replaceAll("");
        Set<String> required = new LinkedHashSet<>();
        Matcher output = OUTPUT.matcher(source);
        while (output.find()) {
            String expression = output.group(1);
            if (DEFAULT_FILTER.matcher(expression).find()) {
                continue;
            }
            String head = expression.split("\\|", 2)[0];
            Matcher variable = VARIABLE.matcher(head);
            if (variable.matches()) {
                required.add(variable.group(1));
            }
        }
        Matcher condition = CONDITION.matcher(source);
        while (condition.find()) {
            Matcher tested = NAME.matcher(condition.group(1));
            while (tested.find()) {
                required.remove(tested.group());
            }
        }
        return required;
    }

    /** Whether {@code path} leads to a value that prints as something (not missing, null or blank). */
    static boolean present(Map<String, Object> model, String path) {
        Object current = model;
        for (String part : List.of(path.split("\\."))) {
            if (!(current instanceof Map<?, ?> map)) {
                return false;
            }
            current = map.get(part);
        }
        return current != null && !(current instanceof String s && s.isBlank());
    }
}
