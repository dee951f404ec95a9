package com.gopherpay.identity.registration;

import com.gopherpay.identity.config.IdentityProperties;
import com.gopherpay.identity.web.InvalidInput;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /auth/register}. */
@RestController
@Tag(name = "Registration")
class RegistrationController {

    private final RegistrationValidator validator;
    private final RegistrationService registrations;
    private final MeterRegistry meters;
    private final IdentityProperties identity;

    RegistrationController(
            RegistrationValidator validator,
            RegistrationService registrations,
            MeterRegistry meters,
            IdentityProperties identity) {
        this.validator = validator;
        this.registrations = registrations;
        this.meters = meters;
        this.identity = identity;
    }

    @PostMapping(path = "/auth/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register an account; a verification email follows")
    @ApiResponse(
            responseCode = "201",
            description = "Registered, waiting for email verification. Location /users/{id} names the account; it is"
                    + " not readable without authentication, so nothing answers GET on it yet")
    @ApiResponse(responseCode = "400", description = "validation-failed (per-field errors) or malformed-request")
    @ApiResponse(responseCode = "409", description = "email-already-registered")
    @ApiResponse(responseCode = "413", description = "payload-too-large: the body is over 16 KiB")
    @ApiResponse(responseCode = "429", description = "rate-limited, with Retry-After")
    @ApiResponse(responseCode = "503", description = "service-unavailable, with Retry-After; nothing was stored")
    ResponseEntity<RegisteredUser> register(
            @RequestBody RegistrationRequest request,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
        ValidRegistration valid;
        try {
            valid = validator.validate(request, acceptLanguage);
        } catch (InvalidInput e) {
            meters.counter("identity.registrations", "outcome", "invalid").increment();
            throw e;
        }
        Registration registration = registrations.register(valid);
        // Names the account; deliberately not readable yet (an open GET would leak who registered, see README).
        // From the configured public address, never the request's Host header, which the client chooses.
        URI location = URI.create(identity.link("/users/" + registration.user().id()));
        return ResponseEntity.created(location).body(RegisteredUser.of(registration));
    }

    /**
     * The 201 body: the account (never its password hash) and when the verification link expires.
     *
     * @param expiresAt when the emailed verification link stops working
     */
    record RegisteredUser(
            UUID id,
            String email,
            String fullName,
            String status,
            String locale,
            String timeZone,
            Instant createdAt,
            Instant expiresAt) {

        static RegisteredUser of(Registration registration) {
            var user = registration.user();
            return new RegisteredUser(
                    user.id(),
                    user.email(),
                    user.fullName(),
                    user.status().name(),
                    registration.locale(),
                    registration.timeZone(),
                    user.createdAt(),
                    registration.verificationExpiresAt());
        }
    }
}
