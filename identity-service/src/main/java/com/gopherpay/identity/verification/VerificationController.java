package com.gopherpay.identity.verification;

import com.gopherpay.identity.user.User;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
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

    static final String RESEND_MESSAGE =
            "If this address belongs to an account waiting for verification, a new verification email is on its way.";

    private final VerificationService verification;

    VerificationController(VerificationService verification) {
        this.verification = verification;
    }

    @PostMapping(path = "/auth/verify-email", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Confirm an email address with the token from the verification link")
    @ApiResponse(responseCode = "200", description = "The account is active")
    @ApiResponse(responseCode = "400", description = "token-invalid: unknown, used or replaced token")
    @ApiResponse(responseCode = "410", description = "token-expired: request a new link with the resend endpoint")
    VerifiedEmail verify(@Valid @RequestBody VerifyEmailRequest request) {
        User user = verification.verify(request.token());
        return new VerifiedEmail(user.id(), user.email(), user.status().name(), user.emailVerifiedAt());
    }

    @PostMapping(path = "/auth/verify-email/resend", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(summary = "Send a new verification email; the answer never says whether the address is registered")
    @ApiResponse(responseCode = "202", description = "Always the same body")
    ResendAccepted resend(@Valid @RequestBody ResendRequest request) {
        verification.resend(request.email());
        return new ResendAccepted(RESEND_MESSAGE);
    }

    record VerifyEmailRequest(
            @NotBlank(message = "Paste the token from your verification link.")
            @Size(max = 256, message = "This token is too long to be one of ours.")
            String token) {}

    record ResendRequest(
            @NotBlank(message = "Enter your email address.") @Size(max = 320, message = "Use at most 320 characters.")
            String email) {}

    record VerifiedEmail(UUID id, String email, String status, Instant emailVerifiedAt) {}

    record ResendAccepted(String message) {}
}
