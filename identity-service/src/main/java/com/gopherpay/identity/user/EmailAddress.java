package com.gopherpay.identity.user;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.text.IDNA;
import java.text.Normalizer;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address as stored and sent ({@code value}: the local part as entered after trimming and NFKC, {@code @},
 * the domain as its ASCII (A-label) form under UTS #46) and its canonical form, which identifies an account:
 * {@code value} under full Unicode case folding. So {@code John@X.com} and {@code john@x.com}, and {@code bücher.test}
 * and {@code xn--bcher-kva.test}, are one account, even though RFC 5321 lets the local part be case-sensitive.
 *
 * <p>Local parts must be ASCII. Delivery here does not support SMTPUTF8 end to end (the notification service's SMTP
 * client, the relays behind it and the template variables all assume ASCII addresses), so a non-ASCII local part would
 * be accepted and then never reach its owner. Refusing them also means mixed-script confusable local parts (Cyrillic
 * {@code а} for Latin {@code a}) cannot arise, so no confusable skeleton is needed for the unique key. Domains are
 * mapped with ICU's UTS #46 (non-transitional, as browsers and registries do since IDNA 2008): {@code faß.de} stays
 * its own domain and is not folded to {@code fass.de}.
 */
public record EmailAddress(String value, String canonical) {

    /** Why an input is not an address this service accepts. */
    public enum Problem {
        /** Not an address at all: no {@code @}, spaces, a missing or one-label domain, too long. */
        MALFORMED,
        /** Letters outside ASCII before the {@code @}: we cannot deliver to those. */
        NON_ASCII_LOCAL_PART,
        /** The domain is not a valid internationalised domain name (UTS #46 / IDNA 2008). */
        INVALID_DOMAIN;

        /** What a form shows next to the address field: the same words wherever an address is entered. */
        public String message() {
            return switch (this) {
                case MALFORMED -> "Enter a valid email address, like name@example.com.";
                case NON_ASCII_LOCAL_PART ->
                    "We cannot send email to addresses with accents or non-Latin letters before the @ yet. Use an"
                            + " address with only Latin letters, digits and . _ + - before the @.";
                case INVALID_DOMAIN -> "The part after the @ is not a valid domain name. Check it for typing mistakes.";
            };
        }
    }

    /**
     * Either an address or why the input is not one.
     *
     * @param address the parsed address, or null
     * @param problem why there is none, or null
     */
    public record Parsed(EmailAddress address, Problem problem) {
        static Parsed of(Problem problem) {
            return new Parsed(null, problem);
        }
    }

    /** RFC 5322 dot-atom with ASCII atext only. */
    private static final Pattern LOCAL_PART =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");

    /**
     * The A-label domain: LDH labels, at least two, the top-level one letters or an IDN TLD's A-label
     * ({@code xn--p1ai} for .рф).
     */
    private static final Pattern ASCII_DOMAIN = Pattern.compile(
            "([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+" + "([a-z]{2,63}|xn--[a-z0-9]([a-z0-9-]{0,57}[a-z0-9])?)");

    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.USE_STD3_RULES
            | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ
            | IDNA.CHECK_CONTEXTO);

    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_PART = 64;
    /** Bounds the IDNA work on hostile input; anything longer cannot become a 254-character address anyway. */
    private static final int MAX_INPUT = 1024;

    /** Parses user input; empty when it is not a usable address (see {@link #check} for why). */
    public static Optional<EmailAddress> parse(String input) {
        return Optional.ofNullable(check(input).address());
    }

    /** Parses user input into an address or the reason it is not one. */
    public static Parsed check(String input) {
        if (input == null || input.length() > MAX_INPUT) {
            return Parsed.of(Problem.MALFORMED);
        }
        String value = Normalizer.normalize(input.strip(), Normalizer.Form.NFKC);
        int at = value.lastIndexOf('@');
        if (at < 1 || at == value.length() - 1) {
            return Parsed.of(Problem.MALFORMED);
        }
        String local = value.substring(0, at);
        String domain = value.substring(at + 1);
        if (local.chars().anyMatch(c -> c > 0x7F)) {
            return Parsed.of(Problem.NON_ASCII_LOCAL_PART);
        }
        if (local.length() > MAX_LOCAL_PART || !LOCAL_PART.matcher(local).matches()) {
            return Parsed.of(Problem.MALFORMED);
        }
        if (domain.codePoints().anyMatch(Character::isWhitespace)) {
            return Parsed.of(Problem.MALFORMED);
        }
        IDNA.Info info = new IDNA.Info();
        StringBuilder ascii = new StringBuilder();
        UTS46.nameToASCII(domain, ascii, info);
        if (info.hasErrors()) {
            return Parsed.of(Problem.INVALID_DOMAIN);
        }
        String address = local + "@" + ascii;
        if (address.length() > MAX_LENGTH || !ASCII_DOMAIN.matcher(ascii).matches()) {
            return Parsed.of(Problem.MALFORMED);
        }
        // Full case folding rather than a locale's lower-casing: for today's ASCII addresses the two agree, and if
        // non-ASCII local parts are ever accepted, "ß" and "ss", "İ" and "i̇" must still collide as one key.
        return new Parsed(new EmailAddress(address, UCharacter.foldCase(address, true)), null);
    }

    /** The part before the {@code @}, case-folded. */
    public String localPart() {
        return canonical.substring(0, canonical.lastIndexOf('@'));
    }
}
