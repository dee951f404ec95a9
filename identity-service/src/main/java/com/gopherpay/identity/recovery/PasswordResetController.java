package com.gopherpay.identity.recovery;

import com.gopherpay.identity.password.PasswordRules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Password recovery API: ask for a reset link by email, then set a new password with it. */
@RestController
@Tag(name = "Password recovery")
class PasswordResetController {

    static final String FORGOT_PATH = "/auth/password/forgot";

    /** The page where a person asks for a (new) reset link. */
    static final String FORGOT_PAGE = "/forgot-password";

    /** The members that tell a client where to ask for a new link. */
    static final Map<String, Object> FORGOT_HINT;

    static {
        Map<String, Object> hint = new LinkedHashMap<>();
        hint.put("forgotPasswordPage", FORGOT_PAGE);
        hint.put("forgotUri", FORGOT_PATH);
        FORGOT_HINT = Collections.unmodifiableMap(hint);
    }

    static final String FORGOT_MESSAGE =
            "If this address belongs to an account, an email with a link to choose a new password is on its way.";

    static final String RESET_MESSAGE = "Your new password is set. Sign in with it.";

    static final String RESET_AND_VERIFIED_MESSAGE =
            "Your new password is set and your email address is confirmed. Sign in with your new password.";

    private final PasswordResetService resets;

    PasswordResetController(PasswordResetService resets) {
        this.resets = resets;
    }

    @PostMapping(path = FORGOT_PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.ACCEPTED)
    @Operation(
            summary = "Email a link to choose a new password; the answer never says whether the address is registered")
    @ApiResponse(responseCode = "202", description = "Always the same body")
    ForgotAccepted forgot(@Valid @RequestBody ForgotRequest request) {
        resets.requestReset(request.email());
        return new ForgotAccepted(FORGOT_MESSAGE);
    }

    @PostMapping(path = "/auth/password/reset", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Set a new password with the token from a password-reset link; confirms a pending account's"
                    + " address too")
    @ApiResponse(responseCode = "200", description = "The new password is set; every session of the account ended")
    @ApiResponse(
            responseCode = "400",
            description = "validation-failed (the new password breaks a rule, or the confirmation differs) or"
                    + " reset-token-invalid (unknown, used or replaced link)")
    @ApiResponse(responseCode = "410", description = "reset-token-expired: ask for a new link at /forgot-password")
    @ApiResponse(
            responseCode = "503",
            description = "service-busy: no password hashing slot in time, with Retry-After; nothing was changed")
    PasswordSet reset(@Valid @RequestBody ResetRequest request) {
        PasswordResetService.PasswordReset reset = resets.reset(
                request.token(),
                PasswordRules.normalize(request.password()),
                PasswordRules.normalize(request.confirmPassword()));
        return new PasswordSet(
                reset.addressVerifiedNow() ? RESET_AND_VERIFIED_MESSAGE : RESET_MESSAGE,
                true,
                reset.addressVerifiedNow());
    }

    record ForgotRequest(
            @NotBlank(message = "Enter your email address.") @Size(max = 320, message = "Use at most 320 characters.")
            String email) {}

    record ForgotAccepted(String message) {}

    /**
     * The token from the link and the new password, twice.
     *
     * @param token the {@code token} query parameter of the emailed link
     * @param password the new password
     * @param confirmPassword the new password again
     */
    record ResetRequest(
            @NotBlank(message = "Paste the token from your password-reset link.")
            @Size(max = 256, message = "This token is too long to be one of ours.")
            String token,

            @Size(max = 1024, message = "This is longer than any password we accept.")
            String password,

            @Size(max = 1024, message = "This is longer than any password we accept.")
            String confirmPassword) {

        @Override
        public String toString() {
            return "ResetRequest[]"; // never the token or a password in a log line
        }
    }

    /**
     * @param message what happened, for the person
     * @param emailVerified always true: an account with a new password has a confirmed address
     * @param addressVerifiedNow whether this reset is what confirmed it (the account was waiting for verification)
     */
    record PasswordSet(String message, boolean emailVerified, boolean addressVerifiedNow) {}
}
