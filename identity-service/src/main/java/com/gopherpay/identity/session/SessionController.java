package com.gopherpay.identity.session;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.InvalidInput;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Refreshing and ending sessions, with the refresh token in the body (API clients) or the cookie (our pages). */
@RestController
@Tag(name = "Sign-in")
class SessionController {

    private final Sessions sessions;
    private final TokenDelivery delivery;

    SessionController(Sessions sessions, TokenDelivery delivery) {
        this.sessions = sessions;
        this.delivery = delivery;
    }

    @PostMapping("/auth/token/refresh")
    @Operation(
            summary = "A new access token and the next refresh token; the presented refresh token stops working",
            description = "Send {\"refresh_token\"}, or (browsers) no body with the gp_refresh cookie and X-CSRF-Token"
                    + " repeating the gp_csrf cookie; then the new refresh token comes back as the cookie.")
    @ApiResponse(responseCode = "200", description = "RFC 6749 §5.1 token response; Cache-Control: no-store")
    @ApiResponse(
            responseCode = "401",
            description = "invalid-refresh-token: unknown, expired, revoked or already used (reuse ends the session)")
    @ApiResponse(responseCode = "403", description = "csrf-check-failed: cookie without matching X-CSRF-Token")
    @ApiResponse(responseCode = "429", description = "rate-limited, with Retry-After")
    ResponseEntity<TokenResponse> refresh(
            @RequestBody(required = false) RefreshTokenRequest body,
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        Optional<String> fromBody = bodyToken(body);
        if (fromBody.isPresent()) {
            return delivery.deliver(sessions.refresh(fromBody.get()), delivery.wantsCookie(request), request, response);
        }
        String fromCookie = delivery.cookieToken(request).orElseThrow(InvalidRefreshToken::new);
        delivery.checkCsrf(request);
        return delivery.deliver(sessions.refresh(fromCookie), true, request, response);
    }

    @PostMapping(path = "/auth/logout", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Sign out: ends the session the refresh token belongs to (unknown tokens too get 204)")
    @ApiResponse(responseCode = "204", description = "The session is over")
    void logout(@RequestBody RefreshTokenRequest body) {
        String token = bodyToken(body)
                .orElseThrow(() -> new InvalidInput(
                        List.of(new FieldProblem("refresh_token", "Send the refresh token of the session to end."))));
        sessions.revoke(token);
    }

    @PostMapping("/auth/token/revoke")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(
            summary = "Sign out in a browser: ends the session of the gp_refresh cookie and clears both cookies",
            description = "Needs X-CSRF-Token repeating the gp_csrf cookie; a {\"refresh_token\"} body is accepted too"
                    + " (RFC 7009: unknown tokens also get 204).")
    @ApiResponse(responseCode = "204", description = "The session is over and the cookies are cleared")
    @ApiResponse(responseCode = "403", description = "csrf-check-failed: cookie without matching X-CSRF-Token")
    void revoke(
            @RequestBody(required = false) RefreshTokenRequest body,
            @Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        Optional<String> fromBody = bodyToken(body);
        if (fromBody.isPresent()) {
            sessions.revoke(fromBody.get());
        } else {
            Optional<String> fromCookie = delivery.cookieToken(request);
            if (fromCookie.isPresent()) {
                delivery.checkCsrf(request);
                sessions.revoke(fromCookie.get());
            }
        }
        delivery.clearCookies(request, response);
    }

    private static Optional<String> bodyToken(RefreshTokenRequest body) {
        return Optional.ofNullable(body).map(RefreshTokenRequest::refreshToken).filter(token -> !token.isBlank());
    }

    /** @param refreshToken the refresh token from the token response */
    record RefreshTokenRequest(
            @JsonProperty("refresh_token") String refreshToken) {

        @Override
        public String toString() {
            return "RefreshTokenRequest[]"; // never the token in a log line
        }
    }
}
