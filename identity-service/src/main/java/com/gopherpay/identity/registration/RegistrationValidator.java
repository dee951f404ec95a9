package com.gopherpay.identity.registration;

import com.gopherpay.identity.password.CommonPasswords;
import com.gopherpay.identity.password.PasswordProperties;
import com.gopherpay.identity.user.EmailAddress;
import com.gopherpay.identity.web.AcceptLanguage;
import com.gopherpay.identity.web.FieldProblem;
import com.gopherpay.identity.web.InvalidInput;
import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** The registration rules, each with the message the form shows next to the field. */
@Component
class RegistrationValidator {

    static final int MAX_FULL_NAME = 100;
    /** Shorter name parts and local parts ("al", "jo") occur in too many good passwords to forbid. */
    private static final int MIN_NAME_PART = 4;

    private static final int MIN_EMAIL_PART = 3;
    private static final String DEFAULT_LOCALE = "en";
    private static final String DEFAULT_TIME_ZONE = "UTC";
    private static final String BROKEN_CHARACTER = "Retype the character that did not come through correctly in";

    private final PasswordProperties passwords;
    private final CommonPasswords commonPasswords;

    RegistrationValidator(PasswordProperties passwords, CommonPasswords commonPasswords) {
        this.passwords = passwords;
        this.commonPasswords = commonPasswords;
    }

    /** Returns the normalised registration, or throws {@link InvalidInput} naming every failing field. */
    ValidRegistration validate(RegistrationRequest request, String acceptLanguage) {
        List<FieldProblem> problems = new ArrayList<>();

        Optional<EmailAddress> email = Optional.empty();
        if (isBlank(request.email())) {
            problems.add(new FieldProblem("email", "Enter your email address."));
        } else {
            email = EmailAddress.parse(request.email());
            if (email.isEmpty()) {
                problems.add(new FieldProblem("email", "Enter a valid email address, like name@example.com."));
            }
        }

        String fullName = request.fullName() == null
                ? ""
                : Normalizer.normalize(request.fullName(), Normalizer.Form.NFKC).strip();
        if (fullName.isEmpty()) {
            problems.add(new FieldProblem("fullName", "Enter your full name."));
        } else if (fullName.codePointCount(0, fullName.length()) > MAX_FULL_NAME) {
            problems.add(new FieldProblem("fullName", "Use at most " + MAX_FULL_NAME + " characters for your name."));
        } else if (fullName.codePoints().anyMatch(RegistrationValidator::isControl)) {
            problems.add(
                    new FieldProblem("fullName", "Remove line breaks and other control characters from your name."));
        } else if (hasBrokenCharacter(fullName)) {
            problems.add(new FieldProblem("fullName", BROKEN_CHARACTER + " your name."));
        }

        String password =
                request.password() == null ? "" : Normalizer.normalize(request.password(), Normalizer.Form.NFKC);
        passwordProblem(password, email, fullName)
                .ifPresent(message -> problems.add(new FieldProblem("password", message)));
        String confirmation = request.confirmPassword() == null
                ? ""
                : Normalizer.normalize(request.confirmPassword(), Normalizer.Form.NFKC);
        if (confirmation.isEmpty()) {
            problems.add(new FieldProblem("confirmPassword", "Enter your password again."));
        } else if (!confirmation.equals(password)) {
            problems.add(new FieldProblem("confirmPassword", "The passwords do not match."));
        }

        String locale = locale(request.locale(), acceptLanguage, problems);
        String timeZone = timeZone(request.timeZone(), problems);

        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return new ValidRegistration(email.orElseThrow(), password, fullName, locale, timeZone);
    }

    private Optional<String> passwordProblem(String password, Optional<EmailAddress> email, String fullName) {
        if (password.isEmpty()) {
            return Optional.of("Enter a password.");
        }
        if (hasBrokenCharacter(password)) {
            // UTF-8 encoding would turn it into "?" before hashing, so two different passwords would match.
            return Optional.of(BROKEN_CHARACTER + " your password.");
        }
        int length = password.codePointCount(0, password.length());
        if (length < passwords.minLength()) {
            return Optional.of("Use at least " + passwords.minLength() + " characters.");
        }
        if (length > passwords.maxLength()) {
            return Optional.of("Use at most " + passwords.maxLength() + " characters.");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (email.isPresent()
                && email.get().localPart().length() >= MIN_EMAIL_PART
                && lower.contains(email.get().localPart())) {
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
        String name = fullName.toLowerCase(Locale.ROOT);
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

    private static String locale(String requested, String acceptLanguage, List<FieldProblem> problems) {
        if (!isBlank(requested)) {
            Locale locale = Locale.forLanguageTag(requested.strip());
            if (locale.getLanguage().isEmpty() || requested.strip().length() > 35) {
                problems.add(new FieldProblem("locale", "Use a language tag like en or en-US."));
                return null;
            }
            return locale.toLanguageTag();
        }
        return AcceptLanguage.preferredTag(acceptLanguage).orElse(DEFAULT_LOCALE);
    }

    private static String timeZone(String requested, List<FieldProblem> problems) {
        if (isBlank(requested)) {
            return DEFAULT_TIME_ZONE;
        }
        try {
            return ZoneId.of(requested.strip()).getId();
        } catch (DateTimeException e) {
            problems.add(new FieldProblem("timeZone", "Use a time zone like Europe/Berlin or UTC."));
            return null;
        }
    }

    /**
     * A lone half of a UTF-16 surrogate pair: a JSON escape can carry one but no UTF-8 text can, so it could not be
     * stored or hashed as sent.
     */
    private static boolean hasBrokenCharacter(String s) {
        return s.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE);
    }

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
