package com.gopherpay.identity.emailchange;

import com.gopherpay.identity.password.PasswordRules;
import com.gopherpay.identity.token.AccessTokens;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Email change API: a signed-in person asks for a new address with their password; the link sent to the new address
 * confirms it, the link sent to the current one cancels it.
 */
@RestController
@Tag(name = "Account")
class EmailChangeController {

    static final String REQUESTED_MESSAGE = "We sent a link to the new address. Your address changes once you open it"
            + " and confirm; until then, sign in with your current address.";

    static final String CONFIRMED_MESSAGE = "Your email address is changed. Sign in with the new address.";

    static final String CANCELLED_MESSAGE = "The email change is cancelled; your account keeps its address. If you did"
            + " not ask for it, change your password.";

    private final AccessTokens accessTokens;
    private final EmailChangeService service;

    EmailChangeController(AccessTokens accessTokens, EmailChangeService service) {
        this.accessTokens = accessTokens;
        this.service = service;
    }

    @PostMapping(path = "/account/email", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Ask to change the account's email address: a confirm link goes to the new address, a notice with"
                    + " a cancel link to the current one; the answer never says whether the new address is registered")
    @ApiResponse(responseCode = "202", description = "Always the same body once the password is right")
    @ApiResponse(
            responseCode = "400",
            description = "validation-failed: the new address is missing, not one we accept or the current one")
    @ApiResponse(responseCode = "401", description = "invalid-token: no, invalid or expired access token")
    @ApiResponse(responseCode = "403", description = "current-password-incorrect: nothing was stored or sent")
    @ApiResponse(
            responseCode = "429",
            description = "too-many-requests (wrong passwords for this account, with Retry-After) or rate-limited")
    @ApiResponse(responseCode = "503", description = "service-busy: no password hashing slot in time, with Retry-After")
    Message request(
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false)
                    String authorization,
            @Valid @RequestBody ChangeRequest request) {
        UUID userId = accessTokens.verifyAuthorization(authorization).userId();
        service.request(userId, request.newEmail(), PasswordRules.normalize(request.password()));
        return new Message(REQUESTED_MESSAGE);
    }

    @PostMapping(path = "/account/email/confirm", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Confirm an email change with the token from the link sent to the new address; ends every session"
                    + " of the account")
    @ApiResponse(responseCode = "200", description = "The address is changed")
    @ApiResponse(
            responseCode = "400",
            description = "email-change-token-invalid: unknown, used, cancelled or replaced link; or validation-failed")
    @ApiResponse(
            responseCode = "409",
            description = "email-change-conflict: another account has the new address now; nothing changed")
    @ApiResponse(responseCode = "410", description = "email-change-token-expired")
    Confirmed confirm(@Valid @RequestBody TokenRequest request) {
        return new Confirmed(CONFIRMED_MESSAGE, service.confirm(request.token()));
    }

    @PostMapping(path = "/account/email/cancel", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Cancel a pending email change with the token from the notice sent to the current address")
    @ApiResponse(responseCode = "200", description = "The change is cancelled")
    @ApiResponse(
            responseCode = "400",
            description = "email-change-token-invalid: unknown link, or the change is over; or validation-failed")
    @ApiResponse(responseCode = "410", description = "email-change-token-expired: the change can no longer happen")
    Message cancel(@Valid @RequestBody TokenRequest request) {
        service.cancel(request.token());
        return new Message(CANCELLED_MESSAGE);
    }

    /**
     * @param newEmail the address to move the account to
     * @param password the account's current password
     */
    record ChangeRequest(
            @Size(max = 320, message = "Use at most 320 characters.")
            String newEmail,

            @Size(max = 1024, message = "This is longer than any password we accept.")
            String password) {

        @Override
        public String toString() {
            return "ChangeRequest[]"; // never the password in a log line
        }
    }

    /** @param token the {@code token} query parameter of the emailed link */
    record TokenRequest(
            @NotBlank(message = "Paste the token from your email-change link.")
            @Size(max = 256, message = "This token is too long to be one of ours.")
            String token) {

        @Override
        public String toString() {
            return "TokenRequest[]"; // never the token in a log line
        }
    }

    record Message(String message) {}

    /**
     * @param message what happened, for the person
     * @param email the account's address now
     */
    record Confirmed(String message, String email) {}
}
