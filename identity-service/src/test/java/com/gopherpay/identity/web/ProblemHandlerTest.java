package com.gopherpay.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;

class ProblemHandlerTest {

    private final ProblemHandler handler =
            new ProblemHandler(new HttpProperties(DataSize.ofKilobytes(16), Duration.ofSeconds(5)));

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
}
