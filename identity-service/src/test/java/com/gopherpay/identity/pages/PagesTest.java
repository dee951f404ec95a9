package com.gopherpay.identity.pages;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

class PagesTest {

    // The security headers every response gets are SecurityHeadersTest's; these are the pages' own.
    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new Pages()).build();

    @Test
    void servesTheConfirmPageForAVerificationLink() throws Exception {
        mvc.perform(get("/verify-email").queryParam("token", "a-token-from-an-email"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(Matchers.containsString("Confirm your email")))
                .andExpect(content().string(Matchers.containsString("src=\"/js/verify-email.js\"")))
                .andExpect(header().string("Cache-Control", "no-store"));
    }

    @Test
    void servesTheConfirmPageWithoutAToken() throws Exception {
        mvc.perform(get("/verify-email")).andExpect(status().isOk());
    }

    @Test
    void verificationPageOnlyAnswersReads() throws Exception {
        // Confirming happens through POST /auth/verify-email from the page's button, never on the link's address.
        mvc.perform(post("/verify-email").queryParam("token", "t")).andExpect(status().isMethodNotAllowed());
    }

    @Test
    void servesTheRegistrationFormAtTheRoot() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(Matchers.containsString("Create your account")))
                .andExpect(header().doesNotExist("Cache-Control"));
    }

    @Test
    void servesTheResetPageForAResetLinkWithoutStoringIt() throws Exception {
        mvc.perform(get("/reset-password").queryParam("token", "a-token-from-an-email"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(Matchers.containsString("Choose a new password")))
                .andExpect(content().string(Matchers.containsString("src=\"/js/reset-password.js\"")))
                .andExpect(header().string("Cache-Control", "no-store"));
    }

    @Test
    void resetPageOnlyAnswersReads() throws Exception {
        // The new password and the token go to POST /auth/password/reset from the page's form, never to this address.
        mvc.perform(post("/reset-password").queryParam("token", "t")).andExpect(status().isMethodNotAllowed());
    }

    @ParameterizedTest
    @CsvSource({
        "/confirm-email-change, Confirm your new email address, /account/email/confirm",
        "/cancel-email-change, Cancel the email change, /account/email/cancel"
    })
    void servesTheEmailChangePagesWithoutStoringThemOrActing(String path, String heading, String endpoint)
            throws Exception {
        // Opening the link changes nothing; the page's button POSTs the token to the API.
        mvc.perform(get(path).queryParam("token", "a-token-from-an-email"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(Matchers.containsString(heading)))
                .andExpect(content().string(Matchers.containsString("data-endpoint=\"" + endpoint + "\"")))
                .andExpect(content().string(Matchers.containsString("src=\"/js/email-change-link.js\"")))
                .andExpect(header().string("Cache-Control", "no-store"));
        mvc.perform(post(path).queryParam("token", "t")).andExpect(status().isMethodNotAllowed());
    }

    @ParameterizedTest
    @CsvSource({
        "/login, Sign in, /js/login.js",
        "/forgot-password, Forgot your password?, /js/forgot-password.js",
        "/account, Your account, /js/account.js"
    })
    void servesTheSignInRecoveryAndAccountPages(String path, String heading, String script) throws Exception {
        mvc.perform(get(path).accept(MediaType.TEXT_HTML))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                .andExpect(content().string(Matchers.containsString(">" + heading + "</h1>")))
                .andExpect(content().string(Matchers.containsString("src=\"" + script + "\"")));
    }

    @Test
    void sharesTheAccountAddressWithTheApi() throws Exception {
        MockMvc both = MockMvcBuilders.standaloneSetup(new Pages(), new AccountApiAtTheSameAddress())
                .build();
        String browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";

        both.perform(get("/account").header("Accept", browserAccept))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML));
        both.perform(get("/account")).andExpect(content().string("api"));
        both.perform(get("/account").accept(MediaType.APPLICATION_JSON))
                .andExpect(content().string("api"));
        both.perform(get("/account").header("Accept", "*/*"))
                .andExpect(content().string("api"));
    }

    /** Stands in for the account API's {@code GET /account}, which declares no media type. */
    @RestController
    static class AccountApiAtTheSameAddress {
        @GetMapping("/account")
        String account() {
            return "api";
        }
    }
}
