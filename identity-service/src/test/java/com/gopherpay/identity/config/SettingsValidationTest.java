package com.gopherpay.identity.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.gopherpay.identity.ratelimit.RateLimitProperties;
import com.gopherpay.identity.registration.RegistrationProperties;
import com.gopherpay.identity.verification.VerificationProperties;
import com.gopherpay.identity.web.HttpProperties;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A bad setting stops the service at start-up, and the report Spring Boot prints names the property, the value and
 * why: the same binding, validation and failure analysis as the application's start, on the settings records alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class SettingsValidationTest {

    @ParameterizedTest
    // Spring Boot names a constructor-bound property that fails validation in its Java spelling; relaxed binding
    // accepts that spelling too, so it is the property's name all the same.
    @CsvSource({
        "identity.verification.token-ttl, 0s, identity.verification.tokenTtl, PT0S",
        "identity.verification.token-ttl, -5m, identity.verification.tokenTtl, PT-5M",
        "identity.verification.resend-limit, -1, identity.verification.resendLimit, -1",
        "identity.verification.resend-threads, 0, identity.verification.resendThreads, 0",
        "identity.verification.resend-queue-capacity, 0, identity.verification.resendQueueCapacity, 0",
        "identity.verification.password-attempts, 0, identity.verification.passwordAttempts, 0",
        "identity.rate-limit.requests, 0, identity.rate-limit.requests, 0",
        "identity.rate-limit.verify-requests, 0, identity.rate-limit.verifyRequests, 0",
        "identity.rate-limit.global-registrations, 0, identity.rate-limit.globalRegistrations, 0",
        "identity.rate-limit.period, 0s, identity.rate-limit.period, PT0S",
        "identity.rate-limit.global-period, -1m, identity.rate-limit.globalPeriod, PT-1M",
    })
    void refusesToStartWithAnOutOfRangeValueNamingTheProperty(
            String property, String value, String reported, String reportedValue, CapturedOutput output) {
        assertThatThrownBy(() -> start(property + "=" + value)).isNotNull();

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .containsPattern("Property: " + java.util.regex.Pattern.quote(reported) + "\\R")
                .contains("Value: \"" + reportedValue + "\"")
                .containsPattern("Reason: must be (greater than( or equal to)? 0|longer than 0)");
    }

    @ParameterizedTest
    @CsvSource({"identity.verification.token-ttl, soon", "identity.rate-limit.requests, many"})
    void refusesToStartWithAValueOfTheWrongTypeNamingTheProperty(String property, String value, CapturedOutput output) {
        assertThatThrownBy(() -> start(property + "=" + value)).isNotNull();

        assertThat(output.getOut() + output.getErr())
                .contains("APPLICATION FAILED TO START")
                .contains("Failed to bind properties under '" + property + "'")
                .contains("Value: \"" + value + "\"");
    }

    @ParameterizedTest
    @CsvSource({"identity.verification.resend-limit, 0", "identity.verification.token-ttl, 1s"})
    void startsWithTheSmallestAllowedValue(String property, String value) {
        try (ConfigurableApplicationContext started = start(property + "=" + value)) {
            assertThat(started.isActive()).isTrue();
        }
    }

    private static ConfigurableApplicationContext start(String setting) {
        return new SpringApplicationBuilder(AllSettings.class)
                .web(WebApplicationType.NONE)
                .properties("spring.main.banner-mode=off")
                // As on the command line: above application.properties, which sets some of these too.
                .run("--" + setting);
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(ValidationAutoConfiguration.class)
    @EnableConfigurationProperties({
        IdentityProperties.class,
        RegistrationProperties.class,
        VerificationProperties.class,
        RateLimitProperties.class,
        HttpProperties.class
    })
    static class AllSettings {}
}
