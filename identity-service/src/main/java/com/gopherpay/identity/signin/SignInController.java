package com.gopherpay.identity.signin;

import com.gopherpay.identity.password.PasswordRules;
import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.InvalidInput;
import com.gopherpay.identity.session.SessionTokens;
import com.gopherpay.identity.session.Sessions;
import com.gopherpay.identity.session.TokenDelivery;
import com.gopherpay.identity.session.TokenResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Sign-in with email and password. */
@RestController
@Tag(name = "Sign-in")
class SignInController {

    private final SignInService signIn;
    private final Sessions sessions;
    private final TokenDelivery delivery;

    SignInController(SignInService signIn, Sessions sessions, TokenDelivery delivery) {
        this.signIn = signIn;
        this.sessions = sessions;
        this.delivery = delivery;
    }

    @PostMapping(path = "/auth/login", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Sign in: an access token (JWT, ES256) and a refresh token",
            description = "With the request header Refresh-Token-Delivery: cookie (browsers) the refresh token is set"
                    + " as the HttpOnly gp_refresh cookie and a gp_csrf cookie instead of being in the body.")
    @ApiResponse(responseCode = "200", description = "RFC 6749 §5.1 token response; Cache-Control: no-store")
    @ApiResponse(responseCode = "400", description = "validation-failed (missing or oversized fields)")
    @ApiResponse(
            responseCode = "401",
            description = "invalid-credentials: unknown address or wrong password, alike in body and work")
    @ApiResponse(
            responseCode = "403",
            description = "email-not-verified: the right password, the address is not confirmed yet (resendUri)")
    @ApiResponse(
            responseCode = "429",
            description = "too-many-requests (this account's failed attempts: increasing delays) or rate-limited (this"
                    + " client), with Retry-After")
    @ApiResponse(responseCode = "503", description = "service-busy: no password hashing slot in time, Retry-After")
    ResponseEntity<TokenResponse> login(
            @Valid @RequestBody LoginRequest body,
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        String password = PasswordRules.normalize(body.password());
        if (PasswordRules.hasBrokenCharacter(password)) {
            // It would encode as "?" and could match a different password; no attempt is counted.
            throw new InvalidInput(
                    List.of(new FieldProblem("password", PasswordRules.BROKEN_CHARACTER + " your password.")));
        }
        SessionTokens tokens = signIn.signIn(body.email(), password, sessions::open);
        return delivery.deliver(tokens, delivery.wantsCookie(request), request, response);
    }

    record LoginRequest(
            @NotBlank(message = "Enter your email address.") @Size(max = 320, message = "Use at most 320 characters.")
            String email,

            @NotBlank(message = "Enter your password.")
            @Size(max = 1024, message = "This is longer than any password we accept.")
            String password) {

        @Override
        public String toString() {
            return "LoginRequest[]"; // never the password in a log line
        }
    }
}
