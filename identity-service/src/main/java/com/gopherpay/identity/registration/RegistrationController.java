package com.gopherpay.identity.registration;

import com.gopherpay.identity.problem.InvalidInput;
import com.gopherpay.identity.user.UserStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
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

    RegistrationController(RegistrationValidator validator, RegistrationService registrations, MeterRegistry meters) {
        this.validator = validator;
        this.registrations = registrations;
        this.meters = meters;
    }

    @PostMapping(path = "/auth/register", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register an account; a verification email follows")
    @ApiResponse(
            responseCode = "201",
            description = "Registered, waiting for email verification (with hidden duplicates, also the answer for"
                    + " a registered address)")
    @ApiResponse(responseCode = "400", description = "validation-failed (per-field errors) or malformed-request")
    @ApiResponse(responseCode = "409", description = "email-already-registered")
    @ApiResponse(responseCode = "413", description = "payload-too-large: the body is over 16 KiB")
    @ApiResponse(responseCode = "429", description = "rate-limited, with Retry-After")
    @ApiResponse(
            responseCode = "503",
            description = "service-unavailable or service-busy (no password hashing slot in time), with Retry-After;"
                    + " nothing was stored")
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
        // No Location and no id: an id (a UUID v7 carries its creation time) or anything else read from an account
        // would tell a hidden duplicate from a new account. Nothing could dereference it without sign-in anyway.
        return ResponseEntity.status(HttpStatus.CREATED).body(RegisteredUser.of(registration));
    }

    /**
     * The 201 body: what was registered (never the password or its hash) and when the verification link expires.
     * Every field comes from the request or the clock, so it is the same for a new account and a hidden duplicate.
     *
     * @param expiresAt when the emailed verification link stops working
     */
    record RegisteredUser(
            String email, String fullName, String status, String locale, String timeZone, Instant expiresAt) {

        static RegisteredUser of(Registration registration) {
            return new RegisteredUser(
                    registration.email(),
                    registration.fullName(),
                    UserStatus.PENDING_VERIFICATION.name(),
                    registration.locale(),
                    registration.timeZone(),
                    registration.verificationExpiresAt());
        }
    }
}
