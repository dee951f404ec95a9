package com.gopherpay.notification.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateVariablesTest {

    @Test
    void requiresVariablesPrintedWithoutDefault() {
        assertThat(TemplateVariables.required(
                        "{{ payload.link }} {{payload.expiresAt | date: '%Y'}} {{- subscriber.email -}}"))
                .containsExactly("payload.link", "payload.expiresAt", "subscriber.email");
    }

    @Test
    void treatsVariablesWithDefaultOrTestedInConditionsAsOptional() {
        assertThat(
                        TemplateVariables.required(
                                "Hi {{ subscriber.firstName | default: 'there' }} {% if payload.reset %}{{ payload.reset }}{% endif %}"))
                .isEmpty();
    }

    @Test
    void ignoresRawAndCommentBlocks() {
        assertThat(TemplateVariables.required(
                        "{% raw %}{{ payload.a }}{% endraw %}{% comment %}{{ payload.b }}{% endcomment %}"))
                .isEmpty();
    }

    @Test
    void considersBlankStringsMissing() {
        Map<String, Object> model = Map.of("payload", Map.of("a", " ", "b", "x", "n", Map.of("c", 1)));

        assertThat(TemplateVariables.present(model, "payload.a")).isFalse();
        assertThat(TemplateVariables.present(model, "payload.b")).isTrue();
        assertThat(TemplateVariables.present(model, "payload.n.c")).isTrue();
        assertThat(TemplateVariables.present(model, "payload.missing")).isFalse();
    }
}
