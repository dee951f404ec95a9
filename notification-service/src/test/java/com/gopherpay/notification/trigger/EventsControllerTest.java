package com.gopherpay.notification.trigger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.gopherpay.notification.auth.ApiKeyAuthenticationFilter;
import com.gopherpay.notification.web.WebSliceConfiguration;
import com.gopherpay.notification.workflow.PayloadValidationFailed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * The trigger endpoints' mapping and error shapes, with the real request parsing and validation, the trigger
 * feature's advice and the web package's handler; only the application service is replaced. Authentication and
 * idempotency are filters, tested with the whole service.
 */
@WebMvcTest(
        controllers = EventsController.class,
        excludeFilters =
                @ComponentScan.Filter(
                        type = FilterType.REGEX,
                        pattern = "com\\.gopherpay\\.notification\\.(auth|idempotency|web)\\..*Filter"))
@Import({TriggerRequests.class, WebSliceConfiguration.class})
@ExtendWith(OutputCaptureExtension.class)
class EventsControllerTest {

    private static final String VALID = """
            {"name":"email-verification","to":{"subscriberId":"s-1","email":"ada@example.test"},
             "payload":{"verificationLink":"https://id.example/verify?token=t"},"transactionId":"tx-1"}""";

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private TriggerService service;

    @Test
    void answersAnAcceptedTriggerWith201InNovusWrapper() throws Exception {
        given(service.trigger(eq("env-1"), any())).willReturn(TriggerResult.processed("tx-1"));

        mvc.perform(trigger("/v1/events/trigger", VALID))
                .andExpect(status().isCreated())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(content().json("""
                        {"data":{"acknowledged":true,"status":"processed","transactionId":"tx-1"}}""", true));

        ArgumentCaptor<TriggerEvent> event = ArgumentCaptor.forClass(TriggerEvent.class);
        verify(service).trigger(eq("env-1"), event.capture());
        assertThat(event.getValue().name()).isEqualTo("email-verification");
        assertThat(event.getValue().transactionId()).isEqualTo("tx-1");
        assertThat(event.getValue().payload()).containsEntry("verificationLink", "https://id.example/verify?token=t");
    }

    @Test
    void answersBulkResultsInOrderInNovusWrapper() throws Exception {
        given(service.triggerAll(eq("env-1"), any()))
                .willReturn(List.of(
                        TriggerResult.processed("tx-1"),
                        new TriggerResult("error", "tx-2", List.of("workflow_not_found"))));

        mvc.perform(trigger("/v1/events/trigger/bulk", "{\"events\":[" + VALID + "," + VALID + "]}"))
                .andExpect(status().isCreated())
                .andExpect(content().json("""
                        {"data":[{"acknowledged":true,"status":"processed","transactionId":"tx-1"},
                                 {"acknowledged":true,"status":"error","error":["workflow_not_found"],
                                  "transactionId":"tx-2"}]}""", true));
    }

    @Test
    void answersAMissingNameWith422PerFieldWithoutCallingTheService() throws Exception {
        mvc.perform(trigger("/v1/events/trigger", "{\"to\":\"s-1\"}"))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.statusCode").value(422))
                .andExpect(jsonPath("$.message").value("Validation Error"))
                .andExpect(jsonPath("$.path").value("/v1/events/trigger"))
                .andExpect(jsonPath("$.timestamp").value("2026-11-25T09:00:00.000Z"))
                .andExpect(jsonPath("$.errors.name.messages").isArray());

        verifyNoInteractions(service);
    }

    @Test
    void answersABodyThatIsNoJsonWith400() throws Exception {
        mvc.perform(trigger("/v1/events/trigger", "{not json"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.message").value("Request body is not valid JSON"))
                .andExpect(jsonPath("$.ctx.error").value("Bad Request"));

        verifyNoInteractions(service);
    }

    @Test
    void answersAnUnknownWorkflowWith422WorkflowNotFound() throws Exception {
        given(service.trigger(eq("env-1"), any())).willThrow(new WorkflowNotFound());

        mvc.perform(trigger("/v1/events/trigger", VALID))
                .andExpect(status().isUnprocessableEntity())
                .andExpect(jsonPath("$.message").value("workflow_not_found"))
                .andExpect(jsonPath("$.error").value("Unprocessable Entity"))
                .andExpect(jsonPath("$.ctx.statusCode").value(422));
    }

    @Test
    void answersMissingPayloadVariablesWith400PayloadValidationError() throws Exception {
        given(service.trigger(eq("env-1"), any()))
                .willThrow(new PayloadValidationFailed(List.of("expiresAt"), Map.of("type", "object")));

        mvc.perform(trigger("/v1/events/trigger", VALID))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.type").value("PAYLOAD_VALIDATION_ERROR"))
                .andExpect(jsonPath("$.ctx.type").value("PAYLOAD_VALIDATION_ERROR"))
                .andExpect(jsonPath("$.errors[0].field").value("expiresAt"))
                .andExpect(jsonPath("$.errors[0].message").value("must have required property 'expiresAt'"))
                .andExpect(jsonPath("$.schema.type").value("object"))
                .andExpect(jsonPath("$.message")
                        .value("Payload validation failed: payload.expiresAt is required by the workflow's templates"
                                + " but is missing or empty"));
    }

    @Test
    void answersAnUnexpectedFailureWith500AndAnErrorIdThatIsLoggedWithTheCause(CapturedOutput output) throws Exception {
        given(service.trigger(eq("env-1"), any()))
                .willThrow(new IllegalStateException("connection pool exhausted at jdbc:postgresql://db"));

        mvc.perform(trigger("/v1/events/trigger", VALID))
                .andExpect(status().isInternalServerError())
                .andExpect(content().json("""
                        {"statusCode":500,"timestamp":"2026-11-25T09:00:00.000Z","path":"/v1/events/trigger",
                         "message":"Internal server error, contact support and provide them with the errorId",
                         "errorId":"%s"}""".formatted(WebSliceConfiguration.ERROR_ID), true));

        assertThat(output.getOut())
                .contains("errorId " + WebSliceConfiguration.ERROR_ID)
                .contains("java.lang.IllegalStateException: connection pool exhausted")
                .contains("at com.gopherpay.notification.trigger.EventsController.trigger");
    }

    private static MockHttpServletRequestBuilder trigger(String path, String body) {
        return post(path)
                .requestAttr(ApiKeyAuthenticationFilter.ENVIRONMENT_ATTRIBUTE, "env-1")
                .contentType(MediaType.APPLICATION_JSON)
                .content(body);
    }
}
