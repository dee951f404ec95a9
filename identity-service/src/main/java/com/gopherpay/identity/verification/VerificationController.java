package com.gopherpay.identity.verification;

import com.gopherpay.identity.password.PasswordRules;
import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.InvalidInput;
import com.gopherpay.identity.user.User;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Email verification API. The state change is POST only: mail scanners pre-fetch the GET links in emails. */
@RestController
@Tag(name = "Email verification")
class VerificationController {

    static final String RESEND_PATH = "/auth/verify-email/resend";

    static final String RESEND_MESSAGE =
            "If this address belongs to an account waiting for verification, a new verification email is on its way.";

    private final VerificationService verification;

    VerificationController(VerificationService verification) {
        this.verification = verification;
    }

    @PostMapping(path = "/auth/verify-email", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Confirm an email address with the token from the verification link and the account's password,"
                    + " or with a new password that replaces it")
    @ApiResponse(responseCode = "200", description = "The account is active")
    @ApiResponse(
            responseCode = "400",
            description = "validation-failed (no or both passwords, new password breaks a rule), password-incorrect"
                    + " (with attemptsLeft), token-invalid (unknown, used or replaced token) or token-locked (too many"
                    + " wrong passwords: request a new link)")
    @ApiResponse(responseCode = "410", description = "token-expired: request a new link with the resend endpoint")
    @ApiResponse(
            responseCode = "503",
            description =
                    "service-busy: no password hashing slot in time, with Retry-After; the attempt is not" + " counted")
    VerifiedEmail verify(@Valid @RequestBody VerifyEmailRequest request) {
        String password = PasswordRules.normalize(request.password());
        String newPassword = PasswordRules.normalize(request.newPassword());
        User user;
        if (!password.isEmpty() && !newPassword.isEmpty()) {
            throw new InvalidInput(List.of(new FieldProblem(
                    "newPassword", "Send either the account's password or a new password, not both.")));
        } else if (!newPassword.isEmpty()) {
            user = verification.verifyWithNewPassword(request.token(), newPassword);
        } else if (password.isEmpty()) {
            throw new InvalidInput(List.of(new FieldProblem(
                    "password", "Enter the password you chose when you registered, or set a new password.")));
        } else if (PasswordRules.hasBrokenCharacter(password)) {
            // It would encode as "?" and could match a different password; no attempt is counted.
            throw new InvalidInput(
                    List.of(new FieldProblem("password", PasswordRules.BROKEN_CHARACTER + " your password.")));
        } else {
            user = verification.verifyWithPassword(request.token(), password);
        }
        return new VerifiedEmail(user.id(), user.email(), user.status().name(), user.emailVerifiedAt());
    }

    @PostMapping(path = RESEND_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a new verification email; the answer never says whether the address is registered")
    @ApiResponse(responseCode = "202", description = "Always the same body")
    ResendAccepted resend(@Valid @RequestBody ResendRequest request) {
        verification.resend(request.email());
        return new ResendAccepted(RESEND_MESSAGE);
    }

    /**
     * The token and exactly one of the account's password or a new one.
     *
     * @param password the password the account was registered with
     * @param newPassword a new password, replacing the registered one (for an owner who does not know it)
     */
    record VerifyEmailRequest(
            @NotBlank(message = "Paste the token from your verification link.")
            @Size(max = 256, message = "This token is too long to be one of ours.")
            String token,

            @Size(max = 1024, message = "This is longer than any password we accept.")
            String password,

            @Size(max = 1024, message = "This is longer than any password we accept.")
            String newPassword) {

        @Override
        public String toString() {
            return "VerifyEmailRequest[]"; // never the token or a password in a log line
        }
    }

    record ResendRequest(
            @NotBlank(message = "Enter your email address.") @Size(max = 320, message = "Use at most 320 characters.")
            String email) {}

    record VerifiedEmail(UUID id, String email, String status, Instant emailVerifiedAt) {}

    record ResendAccepted(String message) {}
}
