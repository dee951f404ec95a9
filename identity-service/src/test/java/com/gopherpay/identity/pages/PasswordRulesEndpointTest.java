package com.gopherpay.identity.pages;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.gopherpay.identity.password.CommonPasswords;
import com.gopherpay.identity.password.PasswordProperties;
import com.gopherpay.identity.password.PasswordRules;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

class PasswordRulesEndpointTest {

    @Test
    void tellsThePagesTheConfiguredLengthRule() throws Exception {
        PasswordProperties configured =
                new PasswordProperties(20, 64, 19456, 2, 1, 16, 32, 0, Duration.ofSeconds(2), 32);
        MockMvc mvc = MockMvcBuilders.standaloneSetup(
                        new PasswordRulesEndpoint(new PasswordRules(configured, new CommonPasswords())))
                .build();

        mvc.perform(get("/auth/password/rules"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.minLength").value(20))
                .andExpect(jsonPath("$.maxLength").value(64));
    }
}
