package com.gopherpay.novu.connect.sender;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.gopherpay.novu.connect.record.Trigger;
import com.gopherpay.novu.connect.record.Triggers;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class NovuAnswersTest {

    private static final String LINK = "https://id.example/verify?token=Zm9vYmFyYmF6cXV4cXV1eA";

    private final ObjectMapper json = new ObjectMapper();
    private final NovuAnswers answers = new NovuAnswers(json);
    private final Trigger trigger = new Triggers(json, "email-verification", "event-id")
            .from(new SinkRecord(
                    "email-verification",
                    0,
                    null,
                    null,
                    null,
                    "{\"to\":{\"subscriberId\":\"u1\",\"email\":\"ada@example.test\",\"firstName\":\"Augusta\"},"
                            + "\"payload\":{\"verificationLink\":\"" + LINK + "\",\"code\":\"493817\"}}",
                    7));

    private Rejection rejectionFor(int status, String body) {
        Outcome outcome = answers.single(trigger, new NovuResponse(status, body, Optional.empty()));
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        return ((Outcome.Rejected) outcome).rejection();
    }

    @Test
    void keepsNovuShortMessagesThatQuoteNothingOfTheRecord() {
        assertThat(rejectionFor(422, "{\"statusCode\":422,\"message\":\"workflow_not_found\"}")
                        .reason())
                .isEqualTo("HTTP 422 workflow_not_found");
        assertThat(rejectionFor(400, "{\"message\":[\"to.email must be an email\",\"payload should not be empty\"]}")
                        .reason())
                .isEqualTo("HTTP 400 to.email must be an email; payload should not be empty");
    }

    @Test
    void withholdsMessagesThatQuoteALinkAnAddressOrAToken() {
        assertThat(rejectionFor(400, "{\"message\":\"verificationLink " + LINK + " is not allowed\"}")
                        .reason())
                .isEqualTo("HTTP 400 " + NovuMessages.WITHHELD);
        assertThat(rejectionFor(400, "{\"message\":\"ada@example.test is not a valid address\"}")
                        .reason())
                .isEqualTo("HTTP 400 " + NovuMessages.WITHHELD);
        // Only the token, without the rest of the link.
        assertThat(rejectionFor(400, "{\"message\":\"token Zm9vYmFyYmF6cXV4cXV1eA expired\"}")
                        .reason())
                .isEqualTo("HTTP 400 " + NovuMessages.WITHHELD);
    }

    @Test
    void withholdsMessagesThatQuoteAnyValueOrWordOfTheRecord() {
        assertThat(rejectionFor(400, "{\"message\":\"subscriber Augusta is blocked\"}")
                        .reason())
                .doesNotContain("Augusta")
                .endsWith(NovuMessages.WITHHELD);
        assertThat(rejectionFor(400, "{\"message\":\"code 493817 is invalid\"}").reason())
                .doesNotContain("493817")
                .endsWith(NovuMessages.WITHHELD);
    }

    @Test
    void withholdsUnsafeErrorsOfABulkElement() {
        String body = "{\"data\":[{\"acknowledged\":true,\"status\":\"error\",\"error\":[\"workflow_not_found\","
                + "\"bad link " + LINK + "\"]}]}";

        List<Outcome> outcomes = answers.bulk(List.of(trigger), new NovuResponse(201, body, Optional.empty()));

        assertThat(outcomes).singleElement().isInstanceOf(Outcome.Rejected.class);
        Rejection rejection = ((Outcome.Rejected) outcomes.get(0)).rejection();
        assertThat(rejection.kind()).isEqualTo(Rejection.Kind.NOVU_NOT_PROCESSED);
        assertThat(rejection.reason())
                .isEqualTo("Novu answered status 'error': workflow_not_found, " + NovuMessages.WITHHELD);
    }

    @Test
    void countsASuccessWithoutReadableResultAsDelivered() {
        assertThat(answers.single(trigger, new NovuResponse(201, "not json", Optional.empty())))
                .isInstanceOf(Outcome.Delivered.class);
    }
}
