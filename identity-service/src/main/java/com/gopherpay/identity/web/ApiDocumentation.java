package com.gopherpay.identity.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Contact;
import io.swagger.v3.oas.models.info.Info;
import org.springdoc.core.models.GroupedOpenApi;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What the OpenAPI document (served only when {@code springdoc.api-docs.enabled=true}) says about the API itself:
 * its name, the version of the build that serves it, what it is for and whom to ask.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String TITLE = "GopherPay Identity API";

    static final String DESCRIPTION = "Registration and email verification. A registration stores a pending account"
            + " and emails a single-use verification link; confirming it with the account's password (or a new one)"
            + " activates the account. Every error is RFC 9457 application/problem+json with a stable type URI under"
            + " https://gopherpay.dev/problems/ and, for rejected fields, an errors list of {field, message}.";

    /** The API people and services call on the public port. */
    @Bean
    GroupedOpenApi publicApi() {
        return GroupedOpenApi.builder()
                .group("public")
                .pathsToMatch("/auth/**", "/account/**", "/.well-known/**")
                .build();
    }

    /** The operator API, served only on the admin connector. */
    @Bean
    GroupedOpenApi adminApi() {
        return GroupedOpenApi.builder()
                .group("admin")
                .displayName("Operator API (admin connector)")
                .pathsToMatch("/admin/**")
                .build();
    }

    @Bean
    OpenAPI identityOpenApi(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        String version = properties == null ? "unknown" : properties.getVersion();
        return new OpenAPI()
                .info(new Info()
                        .title(TITLE)
                        .version(version)
                        .description(DESCRIPTION)
                        .contact(new Contact().name("GopherPay Identity team").email("identity@gopherpay.dev")));
    }
}
