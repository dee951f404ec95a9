package com.gopherpay.identity.verification;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.UserStatus;
import com.gopherpay.identity.web.HttpProperties;
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
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.util.IdGenerator;

/**
 * The verification endpoints' mapping, validation and problem shapes, on the MVC slice; the application service
 * (whose work needs PostgreSQL) answers as told.
 */
@WebMvcTest(
        controllers = VerificationController.class,
        // The limits need PostgreSQL; SharedRateLimitIT covers them on these endpoints.
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "com\\.gopherpay\\.identity\\.(ratelimit|admin)\\..*"))
class VerificationControllerTest {

    private static final UUID ID = UUID.fromString("019ad5f0-7c3e-7a10-9b2c-5d4e3f2a1b0c");

    private static final String RESEND_MESSAGE =
            "If this address belongs to an account waiting for verification, a new verification email is on its way.";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private VerificationService verification;

    @Test
    void activatesWithTheTokenAndTheAccountsPassword() throws Exception {
        given(verification.verifyWithPassword("t0ken", "violet-Harbour-93-kite"))
                .willReturn(new User(
                        ID,
                        "ada@example.com",
                        "Ada Lovelace",
                        UserStatus.ACTIVE,
                        Instant.parse("2026-12-01T20:00:00Z"),
                        Instant.parse("2026-12-01T21:00:00Z")));

        confirm("{\"token\":\"t0ken\",\"password\":\"violet-Harbour-93-kite\"}")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.id").value(ID.toString()))
                .andExpect(jsonPath("$.status").value("ACTIVE"))
                .andExpect(jsonPath("$.emailVerifiedAt").value("2026-12-01T21:00:00Z"));
    }

    @Test
    void requiresTheToken() throws Exception {
        confirm("{\"token\":\"\",\"password\":\"x\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("token"))
                .andExpect(jsonPath("$.errors[0].message").value("Paste the token from your verification link."));
        verifyNoInteractions(verification);
    }

    @Test
    void refusesBothPasswordsAtOnce() throws Exception {
        confirm("{\"token\":\"t\",\"password\":\"a-password-here\",\"newPassword\":\"another-one-here\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("validation-failed"))
                .andExpect(jsonPath("$.errors[0].field").value("newPassword"));
        verifyNoInteractions(verification);
    }

    @Test
    void asksForAPasswordWhenNoneIsSent() throws Exception {
        confirm("{\"token\":\"t\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("password"));
        verifyNoInteractions(verification);
    }

    @Test
    void answersAWrongPasswordWithTheAttemptsLeft() throws Exception {
        given(verification.verifyWithPassword(any(), any())).willThrow(new VerificationPasswordIncorrect(3));

        confirm("{\"token\":\"t\",\"password\":\"not-the-password\"}")
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.type").value("https://gopherpay.dev/problems/password-incorrect"))
                .andExpect(jsonPath("$.title").value("Wrong password"))
                .andExpect(jsonPath("$.errors[0].field").value("password"))
                .andExpect(jsonPath("$.attemptsLeft").value(3));
    }

    @Test
    void answersAnExpiredLinkWith410AndWhereToAskForANewOne() throws Exception {
        given(verification.verifyWithPassword(any(), any())).willThrow(new VerificationTokenExpired());

        confirm("{\"token\":\"t\",\"password\":\"a-password-here\"}")
                .andExpect(status().isGone())
                .andExpect(jsonPath("$.type").value("https://gopherpay.dev/problems/token-expired"))
                .andExpect(jsonPath("$.code").value("token-expired"))
                .andExpect(jsonPath("$.title").value("Verification link expired"))
                .andExpect(jsonPath("$.resend").value("/auth/verify-email/resend"));
    }

    @Test
    void answersALockedLinkWithWhereToAskForANewOne() throws Exception {
        given(verification.verifyWithNewPassword(any(), any())).willThrow(new VerificationTokenLocked());

        confirm("{\"token\":\"t\",\"newPassword\":\"violet-Harbour-93-kite\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("token-locked"))
                .andExpect(jsonPath("$.title").value("Verification link locked"))
                .andExpect(jsonPath("$.resend").value("/auth/verify-email/resend"));
    }

    @Test
    void answersAnUnknownLinkWithTokenInvalid() throws Exception {
        given(verification.verifyWithPassword(any(), any())).willThrow(new VerificationTokenInvalid());

        confirm("{\"token\":\"t\",\"password\":\"a-password-here\"}")
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("token-invalid"))
                .andExpect(jsonPath("$.title").value("Invalid verification link"))
                .andExpect(jsonPath("$.errors").doesNotExist());
    }

    @Test
    void acceptsAResendWithTheSameAnswerWhateverTheAddress() throws Exception {
        mvc.perform(post("/auth/verify-email/resend")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"email\":\"ada@example.com\"}"))
                .andExpect(status().isAccepted())
                .andExpect(jsonPath("$.message").value(RESEND_MESSAGE));
        verify(verification).resend(eq("ada@example.com"));
    }

    @Test
    void requiresTheAddressToResend() throws Exception {
        mvc.perform(post("/auth/verify-email/resend")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("email"))
                .andExpect(jsonPath("$.errors[0].message").value("Enter your email address."));
        verifyNoInteractions(verification);
    }

    private ResultActions confirm(String body) throws Exception {
        return mvc.perform(post("/auth/verify-email")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body));
    }

    @TestConfiguration(proxyBeanMethods = false)
    @EnableConfigurationProperties(HttpProperties.class)
    static class Slice {

        @Bean
        IdGenerator idGenerator() {
            return UUID::randomUUID;
        }
    }
}
