package com.gopherpay.identity.registration;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.gopherpay.identity.password.CommonPasswords;
import com.gopherpay.identity.password.PasswordProperties;
import com.gopherpay.identity.password.PasswordRules;
import com.gopherpay.identity.web.HttpProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.util.IdGenerator;

/**
 * The registration endpoint's mapping, validation and problem shapes, on the MVC slice with the real validator and
 * password rules; the application service (whose work needs PostgreSQL) answers as told.
 */
@WebMvcTest(
        controllers = RegistrationController.class,
        // The limits need PostgreSQL; SharedRateLimitIT covers them on this endpoint.
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "com\\.gopherpay\\.identity\\.(ratelimit|admin)\\..*"))
@Import({RegistrationValidator.class, PasswordRules.class, CommonPasswords.class})
class RegistrationControllerTest {

    private static final String VALID = """
            {"email":"ada@example.com","password":"violet-Harbour-93-kite","confirmPassword":"violet-Harbour-93-kite",
             "fullName":"Ada Lovelace","locale":"en-GB","timeZone":"Europe/London"}""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private RegistrationService registrations;

    @Test
    void answersARegistrationWith201AndWhatWasRegistered() throws Exception {
        given(registrations.register(any()))
                .willReturn(new Registration(
                        "ada@example.com",
                        "Ada Lovelace",
                        "en-GB",
                        "Europe/London",
                        Instant.parse("2026-12-01T22:00:00Z")));

        mvc.perform(post("/auth/register")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isCreated())
                .andExpect(header().doesNotExist("Location"))
                .andExpect(jsonPath("$.email").value("ada@example.com"))
                .andExpect(jsonPath("$.status").value("PENDING_VERIFICATION"))
                .andExpect(jsonPath("$.expiresAt").value("2026-12-01T22:00:00Z"))
                .andExpect(jsonPath("$.password").doesNotExist());
    }

    @Test
    void listsEveryRejectedFieldInOneValidationProblem() throws Exception {
        mvc.perform(post("/auth/register")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"not-an-address\",\"password\":\"short\",\"confirmPassword\":\"other\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://gopherpay.dev/problems/validation-failed"))
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.title").value("Validation failed"))
                .andExpect(jsonPath("$.status").value(400))
                .andExpect(jsonPath("$.detail").value("Some fields need attention."))
                .andExpect(jsonPath("$.errors[*].field")
                        .value(org.hamcrest.Matchers.hasItems("email", "password", "fullName")));
        verifyNoInteractions(registrations);
    }

    @Test
    void answersAnExistingAddressWithItsOwnConflictProblem() throws Exception {
        given(registrations.register(any())).willThrow(new EmailAlreadyRegistered());

        mvc.perform(post("/auth/register")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(VALID))
                .andExpect(status().isConflict())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://gopherpay.dev/problems/email-already-registered"))
                .andExpect(jsonPath("$.code").value("email-already-registered"))
                .andExpect(jsonPath("$.title").value("Email already registered"))
                .andExpect(jsonPath("$.status").value(409))
                .andExpect(jsonPath("$.errors[0].field").value("email"))
                .andExpect(jsonPath("$.errors.length()").value(1));
    }

    @Test
    void answersABodyThatIsNotTheExpectedJsonWithMalformedRequest() throws Exception {
        mvc.perform(post("/auth/register")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("[1,2"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("malformed-request"));
        verifyNoInteractions(registrations);
    }

    @Test
    void acceptsOnlyJsonBodies() throws Exception {
        mvc.perform(post("/auth/register").contentType(MediaType.TEXT_PLAIN).content("hello"))
                .andExpect(status().isUnsupportedMediaType())
                .andExpect(jsonPath("$.code").value("unsupported-media-type"));
    }

    @Test
    void answersOnlyPosts() throws Exception {
        mvc.perform(get("/auth/register"))
                .andExpect(status().isMethodNotAllowed())
                .andExpect(jsonPath("$.code").value("method-not-allowed"));
    }

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties({PasswordProperties.class, HttpProperties.class})
    static class Slice {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        IdGenerator idGenerator() {
            return UUID::randomUUID;
        }
    }
}
