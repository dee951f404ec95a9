package com.gopherpay.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AcceptLanguageTest {

    @Test
    void takesTheMostPreferredUsableLanguage() {
        assertThat(AcceptLanguage.preferredTag("fr-CH, fr;q=0.9, en;q=0.8")).hasValue("fr-CH");
        assertThat(AcceptLanguage.preferredTag("en;q=0.5, de;q=0.9")).hasValue("de");
        assertThat(AcceptLanguage.preferredTag("*, es")).hasValue("es");
    }

    @Test
    void skipsTagsLongerThanTheBodyFieldAllows() {
        String tooLong = "en-aaaaaaaa-bbbbbbbb-cccccccc-dddddddd-eeeeeeee";
        assertThat(tooLong).hasSizeGreaterThan(AcceptLanguage.MAX_TAG_LENGTH);

        assertThat(AcceptLanguage.preferredTag(tooLong)).isEmpty();
        assertThat(AcceptLanguage.preferredTag(tooLong + ", pt-BR;q=0.5")).hasValue("pt-BR");
    }

    @Test
    void ignoresMalformedAndOversizedHeaders() {
        assertThat(AcceptLanguage.preferredTag("en;q=nope")).isEmpty();
        assertThat(AcceptLanguage.preferredTag("\u0000")).isEmpty();
        assertThat(AcceptLanguage.preferredTag("*")).isEmpty();
        assertThat(AcceptLanguage.preferredTag("en, ".repeat(300))).isEmpty();
        assertThat(AcceptLanguage.preferredTag(null)).isEmpty();
    }
}
