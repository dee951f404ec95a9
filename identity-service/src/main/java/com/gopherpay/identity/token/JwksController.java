package com.gopherpay.identity.token;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.util.Map;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The public keys access tokens are signed with, for services that verify them without calling us. */
@RestController
@Tag(name = "Tokens")
class JwksController {

    static final String PATH = "/.well-known/jwks.json";

    /** Short, so verifiers pick up a new key soon; they should also re-fetch when they meet an unknown kid. */
    private static final Duration CACHE_FOR = Duration.ofMinutes(5);

    private final SigningKeys keys;

    JwksController(SigningKeys keys) {
        this.keys = keys;
    }

    @GetMapping(
            path = PATH,
            produces = {"application/jwk-set+json", MediaType.APPLICATION_JSON_VALUE})
    @Operation(summary = "The JWK set (RFC 7517) of the keys access tokens are signed with; kid on every key")
    @ApiResponse(responseCode = "200", description = "The current key first, then keys whose tokens may still be valid")
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(CACHE_FOR).cachePublic())
                .body(keys.publicKeys().toJSONObject(true));
    }
}
