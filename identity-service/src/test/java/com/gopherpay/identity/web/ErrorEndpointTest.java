package com.gopherpay.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import jakarta.servlet.RequestDispatcher;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

@ExtendWith(OutputCaptureExtension.class)
class ErrorEndpointTest {

    private static final UUID ERROR_ID = UUID.fromString("019ad5f0-7c3e-7a10-9b2c-5d4e3f2a1b0c");

    private final ErrorEndpoint endpoint = new ErrorEndpoint(() -> ERROR_ID);

    @Test
    void answersAFailureOutsideTheControllersWithAnIdTheLogCarriesToo(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/error");
        request.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 500);
        request.setAttribute(RequestDispatcher.ERROR_EXCEPTION, new IllegalStateException("filter broke: secret=42"));
        MockHttpServletResponse response = new MockHttpServletResponse();

        endpoint.error(request, response);

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        JsonNode problem = Api.JSON.readTree(response.getContentAsString());
        String errorId = problem.get("errorId").asString();
        assertThat(errorId).isEqualTo(ERROR_ID.toString());
        assertThat(response.getContentAsString()).doesNotContain("secret", "IllegalState");
        assertThat(output.getOut() + output.getErr())
                .contains("errorId=" + errorId)
                .contains("java.lang.IllegalStateException: filter broke");
    }

    @Test
    void keepsTheStatusOfAContainerErrorAndAnswersADirectRequestWithNotFound() throws Exception {
        MockHttpServletRequest forwarded = new MockHttpServletRequest("TRACE", "/error");
        forwarded.setAttribute(RequestDispatcher.ERROR_STATUS_CODE, 405);
        MockHttpServletResponse methodNotAllowed = new MockHttpServletResponse();
        MockHttpServletResponse direct = new MockHttpServletResponse();

        endpoint.error(forwarded, methodNotAllowed);
        endpoint.error(new MockHttpServletRequest("GET", "/error"), direct);

        assertThat(methodNotAllowed.getStatus()).isEqualTo(405);
        assertThat(Api.JSON
                        .readTree(methodNotAllowed.getContentAsString())
                        .get("code")
                        .asString())
                .isEqualTo("method-not-allowed");
        assertThat(direct.getStatus()).isEqualTo(404);
        assertThat(direct.getContentType()).startsWith("application/problem+json");
    }
}
