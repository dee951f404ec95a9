package com.gopherpay.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;

@ExtendWith(OutputCaptureExtension.class)
class ProblemHandlerTest {

    private static final UUID ERROR_ID = UUID.fromString("019ad5f0-7c3e-7a10-9b2c-5d4e3f2a1b0c");

    private final ProblemHandler handler =
            new ProblemHandler(new HttpProperties(DataSize.ofKilobytes(16), Duration.ofSeconds(5)), () -> ERROR_ID);

    @Test
    void answersADataExceptionFromTheDatabaseWithBadRequestNotAnInternalError() {
        var nul = new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021");

        ResponseEntity<Object> response =
                handler.dataRejected(new DataIntegrityViolationException("INSERT failed", nul));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        ProblemDetail problem = (ProblemDetail) response.getBody();
        assertThat(problem.getProperties()).containsEntry("code", "malformed-request");
        assertThat(problem.getDetail()).doesNotContain("UTF8").doesNotContain("INSERT");
    }

    @Test
    void keepsOtherIntegrityViolationsInternalErrors() {
        var foreignKey = new SQLException("violates foreign key constraint", "23503");

        ResponseEntity<Object> response =
                handler.dataRejected(new DataIntegrityViolationException("INSERT failed", foreignKey));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
    }

    @Test
    void logsAnUnexpectedFailureWithItsStackTraceUnderAnIdThatOnlyTheIdReachesTheClient(CapturedOutput output) {
        ResponseEntity<Object> response =
                handler.unexpected(new IllegalStateException("pool exhausted at db-7.internal:5432"));

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        ProblemDetail problem = (ProblemDetail) response.getBody();
        String errorId = (String) problem.getProperties().get("errorId");
        assertThat(errorId).isEqualTo(ERROR_ID.toString());
        assertThat(problem.getProperties()).containsEntry("code", "internal-error");
        assertThat(problem.getDetail()).contains(errorId).doesNotContain("db-7", "IllegalState");
        assertThat(output.getOut() + output.getErr())
                .contains("errorId=" + errorId)
                .contains("java.lang.IllegalStateException: pool exhausted")
                .contains("at com.gopherpay.identity.web.ProblemHandlerTest");
    }
}
