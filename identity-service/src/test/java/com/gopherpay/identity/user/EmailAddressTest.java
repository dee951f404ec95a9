package com.gopherpay.identity.user;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EmailAddressTest {

    @Test
    void canonicalFormIsTrimmedNfkcAndCaseFolded() {
        EmailAddress email = EmailAddress.parse("  Ｊohn@X.com ").orElseThrow();

        assertThat(email.value()).isEqualTo("John@x.com");
        assertThat(email.canonical()).isEqualTo("john@x.com");
        assertThat(EmailAddress.parse("JOHN@x.COM ").orElseThrow().canonical()).isEqualTo(email.canonical());
        assertThat(email.localPart()).isEqualTo("john");
    }

    @Test
    void acceptsCommonRealAddresses() {
        assertThat(EmailAddress.parse("first.last+tag@mail.example.co.uk")).isPresent();
        assertThat(EmailAddress.parse("o'brien@example.ie")).isPresent();
        assertThat(EmailAddress.parse("juergen@müller.de").orElseThrow().value())
                .isEqualTo("juergen@xn--mller-kva.de");
    }

    @Test
    void mapsDomainsWithUts46SoUnicodeAndALabelFormsAreOneAccount() {
        String canonical =
                EmailAddress.parse("ada@xn--bcher-kva.test").orElseThrow().canonical();

        assertThat(canonical).isEqualTo("ada@xn--bcher-kva.test");
        assertThat(EmailAddress.parse("ada@bücher.test").orElseThrow().canonical())
                .isEqualTo(canonical);
        assertThat(EmailAddress.parse("ADA@BÜCHER.TEST").orElseThrow().canonical())
                .isEqualTo(canonical);
        // Decomposed ü (u + U+0308), and a full-width dot as the label separator.
        assertThat(EmailAddress.parse("ada@bu\u0308cher\uFF0Etest")
                        .orElseThrow()
                        .canonical())
                .isEqualTo(canonical);
        assertThat(EmailAddress.parse("Ada@Bücher.test").orElseThrow().value()).isEqualTo("Ada@xn--bcher-kva.test");
    }

    @Test
    void keepsSharpSAndDottedIDomainsApartFromTheirAsciiLookAlikesAsIdna2008Does() {
        // Non-transitional UTS #46: faß.de is its own registrable domain, not fass.de.
        assertThat(EmailAddress.parse("ada@faß.de").orElseThrow().canonical()).isEqualTo("ada@xn--fa-hia.de");
        assertThat(EmailAddress.parse("ada@FASS.de").orElseThrow().canonical()).isEqualTo("ada@fass.de");
        // İ maps to i + combining dot above: one domain whatever case it is typed in.
        assertThat(EmailAddress.parse("ada@\u0130zmir.test").orElseThrow().canonical())
                .isEqualTo(
                        EmailAddress.parse("ada@i\u0307zmir.test").orElseThrow().canonical())
                .startsWith("ada@xn--");
    }

    @Test
    void refusesNonAsciiLocalPartsBecauseDeliveryHasNoSmtputf8() {
        assertThat(EmailAddress.check("jürgen@example.com").problem())
                .isEqualTo(EmailAddress.Problem.NON_ASCII_LOCAL_PART);
        assertThat(EmailAddress.check("\u0130@example.com").problem())
                .isEqualTo(EmailAddress.Problem.NON_ASCII_LOCAL_PART);
        assertThat(EmailAddress.check("stra\u00dfe@example.com").problem())
                .isEqualTo(EmailAddress.Problem.NON_ASCII_LOCAL_PART);
        // Cyrillic а, the mixed-script look-alike of "ada": cannot arise as an account key.
        assertThat(EmailAddress.check("\u0430da@example.com").problem())
                .isEqualTo(EmailAddress.Problem.NON_ASCII_LOCAL_PART);
        assertThat(EmailAddress.parse("ivan@пример.рф")).isPresent();
    }

    @Test
    void refusesInvalidInternationalisedDomains() {
        assertThat(EmailAddress.check("ada@\u05d0a.test").problem()).isEqualTo(EmailAddress.Problem.INVALID_DOMAIN);
        assertThat(EmailAddress.check("ada@exa_mple.test").problem()).isEqualTo(EmailAddress.Problem.INVALID_DOMAIN);
        assertThat(EmailAddress.check("ada@xn--zz.test").problem()).isEqualTo(EmailAddress.Problem.INVALID_DOMAIN);
        assertThat(EmailAddress.check("ada@" + "a".repeat(64) + ".test").problem())
                .isEqualTo(EmailAddress.Problem.INVALID_DOMAIN);
        assertThat(EmailAddress.check("ada@-x.com").problem()).isEqualTo(EmailAddress.Problem.INVALID_DOMAIN);
    }

    @Test
    void acceptsInternationalTopLevelDomainsInTheirAsciiForm() {
        assertThat(EmailAddress.parse("ivan@example.xn--p1ai")).isPresent();
        assertThat(EmailAddress.parse("Ivan@Example.XN--P1AI")).isPresent();
        assertThat(EmailAddress.parse("li@example.xn--fiqs8s")).isPresent();
        assertThat(EmailAddress.parse("ivan@пример.рф").orElseThrow().value()).isEqualTo("ivan@xn--e1afmkfd.xn--p1ai");
        assertThat(EmailAddress.parse("ivan@example.xn--")).isEmpty();
        assertThat(EmailAddress.parse("ivan@example.xn--p1ai-")).isEmpty();
        assertThat(EmailAddress.parse("ivan@example.c0m")).isEmpty();
    }

    @Test
    void refusesAddressesMailCannotReach() {
        assertThat(EmailAddress.parse("john@")).isEmpty();
        assertThat(EmailAddress.parse("@x.com")).isEmpty();
        assertThat(EmailAddress.parse("john@x")).isEmpty();
        assertThat(EmailAddress.parse("john@x.com.")).isEmpty();
        assertThat(EmailAddress.parse(".john@x.com")).isEmpty();
        assertThat(EmailAddress.parse("john@-x.com")).isEmpty();
        assertThat(EmailAddress.parse("a@b@x.com")).isEmpty();
        assertThat(EmailAddress.parse("john@x..com")).isEmpty();
        assertThat(EmailAddress.parse("x".repeat(250) + "@x.com")).isEmpty();
        assertThat(EmailAddress.parse("x@" + "a.".repeat(600) + "com")).isEmpty();
    }
}
