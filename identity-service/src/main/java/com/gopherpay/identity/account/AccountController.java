package com.gopherpay.identity.account;

import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.InvalidInput;
import com.gopherpay.identity.token.AccessTokens;
import com.gopherpay.identity.token.VerifiedAccessToken;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The signed-in person's profile and settings. Every request needs {@code Authorization: Bearer <access token>}. */
@RestController
@Tag(name = "Account")
class AccountController {

    private static final int MAX_LOCALE = 35;
    private static final int MAX_TIME_ZONE = 64;

    private final AccessTokens accessTokens;
    private final Accounts accounts;

    AccountController(AccessTokens accessTokens, Accounts accounts) {
        this.accessTokens = accessTokens;
        this.accounts = accounts;
    }

    @GetMapping("/account")
    @Operation(summary = "The signed-in person's account and settings")
    @ApiResponse(responseCode = "200", description = "The account")
    @ApiResponse(
            responseCode = "401",
            description = "invalid-token: no, invalid or expired access token; WWW-Authenticate: Bearer")
    Accounts.AccountView account(
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization) {
        return accounts.view(userId(authorization));
    }

    @PatchMapping(path = "/account/settings", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change settings: only the members sent change")
    @ApiResponse(responseCode = "200", description = "The account as it is now")
    @ApiResponse(responseCode = "400", description = "validation-failed: unknown locale or time zone")
    @ApiResponse(responseCode = "401", description = "invalid-token")
    Accounts.AccountView updateSettings(
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization,
            @RequestBody SettingsChange change) {
        UUID userId = userId(authorization);
        List<FieldProblem> problems = new ArrayList<>();
        String locale = locale(change.locale(), problems);
        String timeZone = timeZone(change.timeZone(), problems);
        if (!problems.isEmpty()) {
            throw new InvalidInput(problems);
        }
        return accounts.updateSettings(userId, locale, timeZone, change.marketingOptIn());
    }

    private UUID userId(String authorization) {
        VerifiedAccessToken token = accessTokens.verifyAuthorization(authorization);
        return token.userId();
    }

    /** A well-formed BCP 47 tag with a language, in its canonical spelling; null when not sent. */
    private static String locale(String requested, List<FieldProblem> problems) {
        if (requested == null) {
            return null;
        }
        String tag = requested.strip();
        try {
            if (tag.isEmpty() || tag.length() > MAX_LOCALE) {
                throw new IllformedLocaleException();
            }
            Locale locale = new Locale.Builder().setLanguageTag(tag).build();
            if (locale.getLanguage().isEmpty()) {
                throw new IllformedLocaleException();
            }
            return locale.toLanguageTag();
        } catch (IllformedLocaleException e) {
            problems.add(new FieldProblem("locale", "Use a language tag like en or en-US."));
            return null;
        }
    }

    /** A time zone of the IANA database, like {@code Europe/Berlin} or {@code UTC}; null when not sent. */
    private static String timeZone(String requested, List<FieldProblem> problems) {
        if (requested == null) {
            return null;
        }
        String id = requested.strip();
        try {
            if (id.length() <= MAX_TIME_ZONE && ZoneId.getAvailableZoneIds().contains(id)) {
                return ZoneId.of(id).getId();
            }
        } catch (DateTimeException e) {
            // reported below
        }
        problems.add(new FieldProblem("timeZone", "Use a time zone like Europe/Berlin or UTC."));
        return null;
    }

    /**
     * The settings to change; members left out stay as they are.
     *
     * @param locale BCP 47 language tag, e.g. {@code en-GB}
     * @param timeZone IANA time zone, e.g. {@code Europe/Berlin}
     * @param marketingOptIn whether to receive marketing email
     */
    record SettingsChange(String locale, String timeZone, Boolean marketingOptIn) {}
}
