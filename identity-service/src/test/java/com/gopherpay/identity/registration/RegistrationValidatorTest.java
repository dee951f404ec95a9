package com.gopherpay.identity.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.gopherpay.identity.password.CommonPasswords;
import com.gopherpay.identity.password.PasswordProperties;
import com.gopherpay.identity.password.PasswordRules;
import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.InvalidInput;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The validation matrix: every rule, each with the message the form shows. */
class RegistrationValidatorTest {

    private static final String GOOD_PASSWORD = "violet-Harbour-93-kite";
    private static final String NON_ASCII_LOCAL = "We cannot send email to addresses with accents or non-Latin letters"
            + " before the @ yet. Use an address with only Latin letters, digits and . _ + - before the @.";
    private static final String INVALID_DOMAIN =
            "The part after the @ is not a valid domain name. Check it for typing mistakes.";
    private static final String INVISIBLE =
            "Remove invisible characters, such as zero-width spaces or text-direction marks, from your name.";
    private static RegistrationValidator validator;

    @BeforeAll
    static void loadCommonPasswords() {
        validator = new RegistrationValidator(
                new PasswordRules(PasswordProperties.withCost(19456, 2, 0), new CommonPasswords()));
    }

    static Stream<Arguments> invalidRegistrations() {
        return Stream.of(
                Arguments.of(
                        "missing email",
                        request(null, GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        "Enter your email address."),
                Arguments.of(
                        "blank email",
                        request("   ", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        "Enter your email address."),
                Arguments.of(
                        "no at sign",
                        request("ada.example.com", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        "Enter a valid email address, like name@example.com."),
                Arguments.of(
                        "no domain dot",
                        request("ada@localhost", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        "Enter a valid email address, like name@example.com."),
                Arguments.of(
                        "space inside",
                        request("ada love@example.com", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        "Enter a valid email address, like name@example.com."),
                Arguments.of(
                        "double dot",
                        request("ada..l@example.com", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        "Enter a valid email address, like name@example.com."),
                Arguments.of(
                        "local part over 64",
                        request("a".repeat(65) + "@example.com", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        "Enter a valid email address, like name@example.com."),
                Arguments.of(
                        "missing password",
                        request("ada@example.com", null, "Ada Lovelace"),
                        "password",
                        "Enter a password."),
                Arguments.of(
                        "14 code points (NIST SP 800-63B-4 asks for 15 for a single-factor password)",
                        request("ada@example.com", "kite-93-Harbou", "Ada Lovelace"),
                        "password",
                        "Use at least 15 characters."),
                Arguments.of(
                        "14 code points in 28 UTF-16 units",
                        request("ada@example.com", "\uD83D\uDE80".repeat(14), "Ada Lovelace"),
                        "password",
                        "Use at least 15 characters."),
                Arguments.of(
                        "non-ASCII local part (no SMTPUTF8 delivery)",
                        request("jürgen@example.com", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        NON_ASCII_LOCAL),
                Arguments.of(
                        "dotted capital I in the local part",
                        request("\u0130stanbul@example.com", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        NON_ASCII_LOCAL),
                Arguments.of(
                        "sharp s in the local part",
                        request("stra\u00dfe@example.com", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        NON_ASCII_LOCAL),
                Arguments.of(
                        "Cyrillic look-alike local part",
                        request("\u0430da@example.com", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        NON_ASCII_LOCAL),
                Arguments.of(
                        "invalid IDNA domain (bidi rule)",
                        request("ada@\u05d0a.test", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        INVALID_DOMAIN),
                Arguments.of(
                        "invalid A-label",
                        request("ada@xn--zz.test", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        INVALID_DOMAIN),
                Arguments.of(
                        "domain with an underscore (STD3 rules)",
                        request("ada@exa_mple.test", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        INVALID_DOMAIN),
                Arguments.of(
                        "129 code points",
                        request("ada@example.com", "k".repeat(129), "Ada Lovelace"),
                        "password",
                        "Use at most 128 characters."),
                Arguments.of(
                        "contains email local part",
                        request("harbourmaster@example.com", "my-HarbourMaster-93", "Ada Lovelace"),
                        "password",
                        "Don't use your email address in your password."),
                Arguments.of(
                        "contains full name",
                        request("countess@example.com", "xx-adalovelace-93", "Ada Lovelace"),
                        "password",
                        "Don't use your name in your password."),
                Arguments.of(
                        "contains a longer name part",
                        request("countess@example.com", "xx-Lovelace-93-kite", "Ada Lovelace"),
                        "password",
                        "Don't use your name in your password."),
                Arguments.of(
                        "common password",
                        request("ada@example.com", "1qaz2wsx3edc4rfv", "Ada Lovelace"),
                        "password",
                        "This password is too common and easy to guess. Choose a less predictable one."),
                Arguments.of(
                        "common password with digits added",
                        request("ada@example.com", "sunshine20242024!!", "Ada Lovelace"),
                        "password",
                        "This password is too common and easy to guess. Choose a less predictable one."),
                Arguments.of(
                        "missing full name",
                        request("ada@example.com", GOOD_PASSWORD, null),
                        "fullName",
                        "Enter your full name."),
                Arguments.of(
                        "blank full name",
                        request("ada@example.com", GOOD_PASSWORD, " \t "),
                        "fullName",
                        "Enter your full name."),
                Arguments.of(
                        "full name over 100",
                        request("ada@example.com", GOOD_PASSWORD, "A".repeat(101)),
                        "fullName",
                        "Use at most 100 characters for your name."),
                Arguments.of(
                        "control character in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada\u0007 Lovelace"),
                        "fullName",
                        "Remove line breaks and other control characters from your name."),
                Arguments.of(
                        "line break in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada\nLovelace"),
                        "fullName",
                        "Remove line breaks and other control characters from your name."),
                Arguments.of(
                        "right-to-left override in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada \u202Enimda"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "left-to-right isolate in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada \u2066Lovelace\u2069"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "zero-width space in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada\u200BLovelace"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "zero-width joiner between Latin letters",
                        request("ada@example.com", GOOD_PASSWORD, "Ada\u200DLovelace"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "word joiner in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada\u2060Lovelace"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "soft hyphen in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada Love\u00ADlace"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "byte order mark in name",
                        request("ada@example.com", GOOD_PASSWORD, "\uFEFFAda Lovelace"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "Hangul choseong filler in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada \u115F"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "Hangul filler in name",
                        request("ada@example.com", GOOD_PASSWORD, "\u3164"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "half-width Hangul filler in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada \uFFA0Lovelace"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "braille blank in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada \u2800"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "Mongolian vowel separator in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada\u180ELovelace"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "variation selector in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada\uFE0F Lovelace"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "tag character in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada \uDB40\uDC41"),
                        "fullName",
                        INVISIBLE),
                Arguments.of(
                        "lone surrogate in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada \uD800Lovelace"),
                        "fullName",
                        "Retype the character that did not come through correctly in your name."),
                Arguments.of(
                        "lone surrogate in password",
                        request("ada@example.com", GOOD_PASSWORD + "\uDC00", "Ada Lovelace"),
                        "password",
                        "Retype the character that did not come through correctly in your password."),
                Arguments.of(
                        "NUL in locale",
                        new RegistrationRequest(
                                "ada@example.com", GOOD_PASSWORD, GOOD_PASSWORD, "Ada", "en\u0000", null),
                        "locale",
                        "Use a language tag like en or en-US."),
                Arguments.of(
                        "NUL in time zone",
                        new RegistrationRequest(
                                "ada@example.com", GOOD_PASSWORD, GOOD_PASSWORD, "Ada", null, "UTC\u0000"),
                        "timeZone",
                        "Use a time zone like Europe/Berlin or UTC."),
                Arguments.of(
                        "NUL in email",
                        request("ada\u0000@example.com", GOOD_PASSWORD, "Ada Lovelace"),
                        "email",
                        "Enter a valid email address, like name@example.com."),
                Arguments.of(
                        "NUL in name",
                        request("ada@example.com", GOOD_PASSWORD, "Ada\u0000Lovelace"),
                        "fullName",
                        "Remove line breaks and other control characters from your name."),
                Arguments.of(
                        "bad locale",
                        new RegistrationRequest("ada@example.com", GOOD_PASSWORD, GOOD_PASSWORD, "Ada", "!!", null),
                        "locale",
                        "Use a language tag like en or en-US."),
                Arguments.of(
                        "bad time zone",
                        new RegistrationRequest(
                                "ada@example.com", GOOD_PASSWORD, GOOD_PASSWORD, "Ada", null, "Mars/Olympus"),
                        "timeZone",
                        "Use a time zone like Europe/Berlin or UTC."));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidRegistrations")
    void rejectsWithAMessageForTheField(String rule, RegistrationRequest request, String field, String message) {
        assertThatThrownBy(() -> validator.validate(request, null))
                .isInstanceOfSatisfying(
                        InvalidInput.class, e -> assertThat(e.errors()).contains(new FieldProblem(field, message)));
    }

    @Test
    void rejectsAMismatchedConfirmation() {
        var request = new RegistrationRequest("ada@example.com", GOOD_PASSWORD, GOOD_PASSWORD + "x", "Ada", null, null);

        assertThatThrownBy(() -> validator.validate(request, null))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .containsExactly(new FieldProblem("confirmPassword", "The passwords do not match.")));
    }

    @Test
    void reportsEveryFailingFieldAtOnce() {
        var request = new RegistrationRequest("x", "short", null, "", null, null);

        assertThatThrownBy(() -> validator.validate(request, null))
                .isInstanceOfSatisfying(
                        InvalidInput.class,
                        e -> assertThat(e.errors())
                                .extracting(FieldProblem::field)
                                .containsExactly("email", "fullName", "password", "confirmPassword"));
    }

    @Test
    void normalisesAndCountsCodePoints() {
        // Sixteen code points, but more UTF-16 units (emoji) and a full-width letter that NFKC folds.
        String password = "\uD83D\uDE80\uD83D\uDE80-Ｋite-93-zq-xy";
        var valid = validator.validate(
                new RegistrationRequest(
                        "  Ada.Lovelace@Example.COM ", password, password, "  Ada Lovelace ", null, null),
                "de-CH,de;q=0.9");

        // The local part keeps its case (it is what mail is addressed to); the domain is its UTS #46 ASCII form.
        assertThat(valid.email().value()).isEqualTo("Ada.Lovelace@example.com");
        assertThat(valid.email().canonical()).isEqualTo("ada.lovelace@example.com");
        assertThat(valid.password()).isEqualTo("\uD83D\uDE80\uD83D\uDE80-Kite-93-zq-xy");
        assertThat(valid.fullName()).isEqualTo("Ada Lovelace");
        assertThat(valid.locale()).isEqualTo("de-CH");
        assertThat(valid.timeZone()).isEqualTo("UTC");
    }

    @Test
    void acceptsNamesThatNeedJoinersWhereTheirScriptDoes() {
        // Persian: a zero-width non-joiner between joining letters is part of correct spelling (RFC 5892 A.1).
        String persian = "\u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 \u0631\u0636\u0627\u06CC\u06CC";
        // Devanagari: a joiner right after a virama selects a half form (RFC 5892 A.2).
        String devanagari = "\u0915\u094D\u200D\u0937\u093F\u0924\u093F";

        assertThat(validator
                        .validate(request("ada@example.com", GOOD_PASSWORD, persian), null)
                        .fullName())
                .isEqualTo(persian);
        assertThat(validator
                        .validate(request("ada@example.com", GOOD_PASSWORD, devanagari), null)
                        .fullName())
                .isEqualTo(devanagari);
        assertThat(validator
                        .validate(request("ada@example.com", GOOD_PASSWORD, "José Ñúñez-Ólafsdóttir"), null)
                        .fullName())
                .isEqualTo("José Ñúñez-Ólafsdóttir");
    }

    @Test
    void storesTheDomainAsItsALabelSoUnicodeAndAsciiFormsAreOneAccount() {
        var unicode = validator.validate(request("Ada@Bücher.test", GOOD_PASSWORD, "Ada Lovelace"), null);
        var ascii = validator.validate(request("ada@xn--bcher-kva.test", GOOD_PASSWORD, "Ada Lovelace"), null);

        assertThat(unicode.email().value()).isEqualTo("Ada@xn--bcher-kva.test");
        assertThat(unicode.email().canonical())
                .isEqualTo(ascii.email().canonical())
                .isEqualTo("ada@xn--bcher-kva.test");
    }

    @Test
    void prefersTheRequestedLocaleAndTimeZone() {
        var valid = validator.validate(
                new RegistrationRequest(
                        "ada@example.com", GOOD_PASSWORD, GOOD_PASSWORD, "Ada", "pt-BR", "America/Sao_Paulo"),
                "en-US");

        assertThat(List.of(valid.locale(), valid.timeZone())).containsExactly("pt-BR", "America/Sao_Paulo");
    }

    private static RegistrationRequest request(String email, String password, String fullName) {
        return new RegistrationRequest(email, password, password, fullName, null, null);
    }
}
