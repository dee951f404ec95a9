package com.gopherpay.identity.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** Without a key outside development, start-up stops with one line saying so, through Spring Boot's failure report. */
@ExtendWith(OutputCaptureExtension.class)
class SigningKeyRequiredTest {

    @Test
    void refusesToStartWithoutASigningKey(CapturedOutput output) {
        assertThatThrownBy(() -> start("--identity.token.generate-ephemeral-key=false"))
                .hasRootCauseInstanceOf(SigningKeyUnavailable.class);

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("No access-token signing key: neither identity.token.signing-key nor"
                        + " identity.token.signing-key-jwk is set, and identity.token.generate-ephemeral-key is false")
                .doesNotContain("\tat com.gopherpay");
    }

    @Test
    void startsWithAnEphemeralKeyWhenAskedAndWarns(CapturedOutput output) {
        try (ConfigurableApplicationContext started = start("--identity.token.generate-ephemeral-key=true")) {
            assertThat(started.getBean(SigningKeys.class).current().isPrivate()).isTrue();
        }
        assertThat(output.getOut()).contains("WARN").contains("Never use this in production");
    }

    private static ConfigurableApplicationContext start(String argument) {
        return new SpringApplicationBuilder(KeysOnly.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off")
                .run(argument);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ValidationAutoConfiguration.class)
    @EnableConfigurationProperties(TokenProperties.class)
    @Import(SigningKeys.class)
    static class KeysOnly {
        @Bean
        SecureRandom secureRandom() {
            return new SecureRandom();
        }
    }
}
