package com.gopherpay.notification.message;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.gopherpay.notification.auth.ApiKeyAuthenticationFilter;
import com.gopherpay.notification.web.WebSliceConfiguration;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * {@code GET /v1/messages}: its parameters checked and the page mapped to Novu's shape; only the message store is
 * replaced.
 */
@WebMvcTest(
        controllers = MessagesController.class,
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "com\\.gopherpay\\.notification\\.(auth|idempotency|web)\\..*Filter"))
@Import(WebSliceConfiguration.class)
class MessagesControllerTest {

    private static final Instant CREATED = Instant.parse("2026-11-25T08:00:00Z");
    private static final Instant SENT = Instant.parse("2026-11-25T08:00:02Z");

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private Messages messages;

    @Test
    void mapsASentMessageToNovusMessageShapeWithPaging() throws Exception {
        StoredMessage sent = new StoredMessage(
                UUID.fromString("0191f0c5-7a1e-7000-8000-0000000000aa"),
                "env-1",
                "tx-1",
                "email-verification",
                "s-1",
                Map.of("email", "ada@example.test", "firstName", "Ada"),
                "ada@example.test",
                "Confirm your email address",
                null,
                Map.of("verificationLink", "[redacted]"),
                null,
                "sent",
                null,
                1,
                CREATED,
                SENT,
                SENT,
                "ab".repeat(32),
                CREATED,
                CREATED);
        given(messages.find(any())).willReturn(new MessagePage(List.of(sent), 3));

        mvc.perform(messages("/v1/messages?transactionId=tx-1&page=0&limit=1"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.page").value(0))
                .andExpect(jsonPath("$.totalCount").value(3))
                .andExpect(jsonPath("$.hasMore").value(true))
                .andExpect(jsonPath("$.pageSize").value(1))
                .andExpect(jsonPath("$.data[0]._id").value("0191f0c5-7a1e-7000-8000-0000000000aa"))
                .andExpect(jsonPath("$.data[0].transactionId").value("tx-1"))
                .andExpect(jsonPath("$.data[0].status").value("sent"))
                .andExpect(jsonPath("$.data[0].content").doesNotExist())
                .andExpect(jsonPath("$.data[0].contentSha256").value("ab".repeat(32)))
                .andExpect(jsonPath("$.data[0].payload.verificationLink").value("[redacted]"))
                .andExpect(jsonPath("$.data[0].sentAt").value("2026-11-25T08:00:02Z"))
                .andExpect(jsonPath("$.data[0].subscriber.subscriberId").value("s-1"))
                .andExpect(jsonPath("$.data[0].subscriber.deleted").value(false));

        verify(messages).find(new MessageQuery("env-1", List.of("tx-1"), null, null, 0, 1));
    }

    @Test
    void answersALimitOver1000With400() throws Exception {
        mvc.perform(messages("/v1/messages?limit=1001"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("limit must be between 1 and 1000"));

        verifyNoInteractions(messages);
    }

    @Test
    void answersANonNumericPageWith400NamingTheParameter() throws Exception {
        mvc.perform(messages("/v1/messages?page=first"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Invalid query parameter: page"));

        verifyNoInteractions(messages);
    }

    @Test
    void answersANulInATransactionIdWith422NamingTheField() throws Exception {
        mvc.perform(messages("/v1/messages?transactionId=%00"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.message").value("Validation Error"))
                .andExpect(jsonPath("$.errors.transactionId.messages[0]")
                        .value("transactionId must not contain NUL characters (\\u0000)"));

        verifyNoInteractions(messages);
    }

    private static MockHttpServletRequestBuilder messages(String pathAndQuery) {
        return get(URI.create(pathAndQuery)).requestAttr(ApiKeyAuthenticationFilter.ENVIRONMENT_ATTRIBUTE, "env-1");
    }
}
