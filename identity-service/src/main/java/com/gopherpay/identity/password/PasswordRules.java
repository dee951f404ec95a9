package com.gopherpay.identity.password;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The rules a new password must meet, wherever one is chosen (registration, setting a new one while confirming an
 * address), each with the sentence the form shows next to the field.
 */
@Component
public class PasswordRules {

    /** Shown when a lone UTF-16 surrogate arrived: it cannot be encoded, so it would hash as "?". */
    public static final String BROKEN_CHARACTER = "Retype the character that did not come through correctly in";

    /** Shorter name parts and local parts ("al", "jo") occur in too many good passwords to forbid. */
    private static final int MIN_NAME_PART = 4;

    private static final int MIN_EMAIL_PART = 3;

    private final PasswordProperties properties;
    private final CommonPasswords commonPasswords;

    public PasswordRules(PasswordProperties properties, CommonPasswords commonPasswords) {
        this.properties = properties;
        this.commonPasswords = commonPasswords;
    }

    /**
     * The form a password is hashed and checked in: NFKC, so the same password typed on different keyboards or
     * input methods (full-width digits, composed or decomposed accents) is one password.
     */
    public static String normalize(String password) {
        return password == null ? "" : Normalizer.normalize(password, Normalizer.Form.NFKC);
    }

    /**
     * A lone half of a UTF-16 surrogate pair: a JSON escape can carry one but no UTF-8 text can, so it could not be
     * stored or hashed as sent.
     */
    public static boolean hasBrokenCharacter(String s) {
        return s.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE);
    }

    public int minLength() {
        return properties.minLength();
    }

    public int maxLength() {
        return properties.maxLength();
    }

    /**
     * Why {@code password} (already {@linkplain #normalize normalised}) may not be chosen, or empty when it may.
     *
     * @param emailLocalPart the account's email before the {@code @}, lower-cased; null when not known
     * @param fullName the account's name; empty when not known
     */
    public Optional<String> problem(String password, String emailLocalPart, String fullName) {
        if (password.isEmpty()) {
            return Optional.of("Enter a password.");
        }
        if (hasBrokenCharacter(password)) {
            // UTF-8 encoding would turn it into "?" before hashing, so two different passwords would match.
            return Optional.of(BROKEN_CHARACTER + " your password.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < properties.minLength()) {
            return Optional.of("Use at least " + properties.minLength() + " characters.");
        }
        if (length > properties.maxLength()) {
            return Optional.of("Use at most " + properties.maxLength() + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (emailLocalPart != null && emailLocalPart.length() >= MIN_EMAIL_PART && lower.contains(emailLocalPart)) {
            return Optional.of("Don't use your email address in your password.");
        }
        if (containsName(lower, fullName)) {
            return Optional.of("Don't use your name in your password.");
        }
        if (commonPasswords.isCommon(password)) {
            return Optional.of("This password is too common and easy to guess. Choose a less predictable one.");
        }
        return Optional.empty();
    }

    /** The whole name (with or without spaces) or any longer part of it. */
    private static boolean containsName(String lowerPassword, String fullName) {
        String name = fullName == null ? "" : fullName.toLowerCase(Locale.ROOT);
        if (name.isEmpty()) {
            return false;
        }
        if (lowerPassword.contains(name) || lowerPassword.contains(name.replaceAll("\\s+", ""))) {
            return true;
        }
        for (String part : name.split("[\\s\\-'.]+")) {
            if (part.codePointCount(0, part.length()) >= MIN_NAME_PART && lowerPassword.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
