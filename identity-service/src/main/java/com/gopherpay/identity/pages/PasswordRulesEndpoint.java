package com.gopherpay.identity.pages;

import com.gopherpay.identity.password.PasswordRules;
import java.time.Duration;
import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /auth/password/rules}: the configured length bounds of a new password, so the pages state the rule the
 * server will apply instead of a copy of its default. Public and the same for everyone; it says nothing about any
 * account.
 */
@RestController
class PasswordRulesEndpoint {

    private final PasswordRules rules;

    PasswordRulesEndpoint(PasswordRules rules) {
        this.rules = rules;
    }

    /** The length bounds, counted in code points as the server counts them. */
    record LengthRules(int minLength, int maxLength) {}

    @GetMapping("/auth/password/rules")
    ResponseEntity<LengthRules> rules() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(new LengthRules(rules.minLength(), rules.maxLength()));
    }
}
