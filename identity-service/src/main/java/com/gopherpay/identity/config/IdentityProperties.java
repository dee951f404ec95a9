package com.gopherpay.identity.config;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings shared by several features.
 *
 * @param publicBaseUrl where users reach this service; verification links in emails start with it
 */
@ConfigurationProperties("identity")
@Validated
public record IdentityProperties(
        @DefaultValue("http://127.0.0.1:8080") @NotNull URI publicBaseUrl) {

    /** {@code publicBaseUrl} followed by {@code path}, without a doubled slash. */
    public String link(String pathAndQuery) {
        String base = publicBaseUrl.toString();
        return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
    }
}
