package com.gopherpay.identity.user;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An email address as entered (trimmed, NFKC) and its canonical form (also lower-cased), which is what identifies an
 * account: {@code John@X.com} and {@code john@x.com} are the same person in practice, even though RFC 5321 lets the
 * local part be case-sensitive.
 */
public record EmailAddress(String value, String canonical) {

    /**
     * Dot-atom local part and a host name with at least two labels; Unicode letters allowed (SMTPUTF8, IDN). The top
     * level label is letters, or an IDN TLD in its ASCII form ({@code xn--p1ai} for .рф).
     */
    private static final Pattern SYNTAX =
            Pattern.compile("^[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+(\\.[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([\\p{L}\\p{N}]([\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+"
                    + "(\\p{L}{2,63}|[xX][nN]--[a-zA-Z0-9]([a-zA-Z0-9-]{0,57}[a-zA-Z0-9])?)$");

    private static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_PART = 64;

    /** Parses user input; empty when it is not a usable address. */
    public static Optional<EmailAddress> parse(String input) {
        if (input == null) {
            return Optional.empty();
        }
        String value = Normalizer.normalize(input.strip(), Normalizer.Form.NFKC);
        int at = value.lastIndexOf('@');
        if (value.length() > MAX_LENGTH
                || at < 1
                || at > MAX_LOCAL_PART
                || !SYNTAX.matcher(value).matches()) {
            return Optional.empty();
        }
        return Optional.of(new EmailAddress(value, value.toLowerCase(Locale.ROOT)));
    }

    /** The part before the {@code @}, lower-cased. */
    public String localPart() {
        return canonical.substring(0, canonical.lastIndexOf('@'));
    }
}
