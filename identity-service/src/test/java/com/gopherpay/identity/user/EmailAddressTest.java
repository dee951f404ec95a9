package com.gopherpay.identity.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void canonicalFormIsTrimmedNfkcAndLowerCase() {
        EmailAddress email = EmailAddress.parse("  Ｊohn@X.com ").orElseThrow();

        assertThat(email.value()).isEqualTo("John@X.com");
        assertThat(email.canonical()).isEqualTo("john@x.com");
        assertThat(EmailAddress.parse("JOHN@x.COM ").orElseThrow().canonical()).isEqualTo(email.canonical());
        assertThat(email.localPart()).isEqualTo("john");
    }

    @Test
    void acceptsCommonRealAddresses() {
        assertThat(EmailAddress.parse("first.last+tag@mail.example.co.uk")).isPresent();
        assertThat(EmailAddress.parse("o'brien@example.ie")).isPresent();
        assertThat(EmailAddress.parse("jürgen@müller.de")).isPresent();
    }

    @Test
    void acceptsInternationalTopLevelDomainsInTheirAsciiForm() {
        assertThat(EmailAddress.parse("ivan@example.xn--p1ai")).isPresent();
        assertThat(EmailAddress.parse("Ivan@Example.XN--P1AI")).isPresent();
        assertThat(EmailAddress.parse("li@example.xn--fiqs8s")).isPresent();
        assertThat(EmailAddress.parse("ivan@пример.рф")).isPresent();
        assertThat(EmailAddress.parse("ivan@example.xn--")).isEmpty();
        assertThat(EmailAddress.parse("ivan@example.xn--p1ai-")).isEmpty();
        assertThat(EmailAddress.parse("ivan@example.c0m")).isEmpty();
    }

    @Test
    void refusesAddressesMailCannotReach() {
        assertThat(EmailAddress.parse("john@")).isEmpty();
        assertThat(EmailAddress.parse("@x.com")).isEmpty();
        assertThat(EmailAddress.parse("john@x")).isEmpty();
        assertThat(EmailAddress.parse(".john@x.com")).isEmpty();
        assertThat(EmailAddress.parse("john@-x.com")).isEmpty();
        assertThat(EmailAddress.parse("a@b@x.com")).isEmpty();
        assertThat(EmailAddress.parse("x".repeat(250) + "@x.com")).isEmpty();
    }
}
