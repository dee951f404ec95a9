package com.gopherpay.identity.registration;

import com.gopherpay.identity.password.PasswordRules;
import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.InvalidInput;
import com.gopherpay.identity.user.EmailAddress;
import com.gopherpay.identity.web.AcceptLanguage;
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
    private static final String DEFAULT_LOCALE = "en";
    private static final String DEFAULT_TIME_ZONE = "UTC";
    private static final String BROKEN_CHARACTER = PasswordRules.BROKEN_CHARACTER;

    private final PasswordRules passwordRules;

    RegistrationValidator(PasswordRules passwordRules) {
        this.passwordRules = passwordRules;
    }

    /** Returns the normalised registration, or throws {@link InvalidInput} naming every failing field. */
    ValidRegistration validate(RegistrationRequest request, String acceptLanguage) {
        List<FieldProblem> problems = new ArrayList<>();

        Optional<EmailAddress> email = Optional.empty();
        if (isBlank(request.email())) {
            problems.add(new FieldProblem("email", "Enter your email address."));
        } else {
            EmailAddress.Parsed parsed = EmailAddress.check(request.email());
            email = Optional.ofNullable(parsed.address());
            if (parsed.problem() != null) {
                problems.add(new FieldProblem("email", parsed.problem().message()));
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
        } else if (PasswordRules.hasBrokenCharacter(fullName)) {
            problems.add(new FieldProblem("fullName", BROKEN_CHARACTER + " your name."));
        } else if (InvisibleCharacters.containsAny(fullName)) {
            problems.add(new FieldProblem(
                    "fullName",
                    "Remove invisible characters, such as zero-width spaces or text-direction marks, from your"
                            + " name."));
        }

        String password = PasswordRules.normalize(request.password());
        passwordRules
                .problem(password, email.map(EmailAddress::localPart).orElse(null), fullName)
                .ifPresent(message -> problems.add(new FieldProblem("password", message)));
        String confirmation = PasswordRules.normalize(request.confirmPassword());
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

    private static boolean isControl(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
