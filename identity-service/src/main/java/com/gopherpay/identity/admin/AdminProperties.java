package com.gopherpay.identity.admin;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The operator API.
 *
 * @param token the bearer token an operator sends ({@code Authorization: Bearer …}); the admin API is off while it is
 *     unset. Use at least 32 random characters and keep it in a secret store
 * @param port the port of the admin connector; 0 picks a free one
 * @param address the address the admin connector listens on: loopback unless operators reach it over a private
 *     network
 */
@ConfigurationProperties("identity.admin")
@Validated
public record AdminProperties(
        String token,
        @DefaultValue("8082") @Min(0) @Max(65535) int port,
        @DefaultValue("127.0.0.1") @NotBlank String address) {

    public AdminProperties {
        if (token != null && !token.isBlank() && token.strip().length() < 32) {
            throw new IllegalArgumentException("identity.admin.token must be at least 32 characters");
        }
    }

    boolean enabled() {
        return token != null && !token.isBlank();
    }

    @Override
    public String toString() {
        return "AdminProperties[port=" + port + ", address=" + address + ", token=" + (enabled() ? "***" : "unset")
                + "]";
    }
}
