package com.gopherpay.identity.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem+json answer straight onto a servlet response, for the places that answer before (or outside)
 * Spring MVC: the body cap and the container's error report. Same shape as {@link ProblemHandler}'s.
 */
final class Problems {

    static final String TYPE_BASE = "https://gopherpay.dev/problems/";
    static final String MEDIA_TYPE = "application/problem+json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Problems() {}

    static byte[] body(int status, String code, String title, String detail, String errorId) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + code);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("code", code);
        if (errorId != null) {
            problem.put("errorId", errorId);
        }
        return JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8);
    }

    /** Replaces whatever the response holds with the problem; the caller decides whether to close the connection. */
    static void write(HttpServletResponse response, int status, String code, String title, String detail)
            throws IOException {
        write(response, status, code, title, detail, null);
    }

    /**
     * A server error outside the controllers: the status's problem, whose detail asks the caller to quote {@code
     * errorId}, the id the logged stack trace carries.
     */
    static void writeFailure(HttpServletResponse response, int status, String errorId) throws IOException {
        StatusProblem problem = StatusProblem.of(status);
        write(
                response,
                status,
                problem.code(),
                problem.title(),
                problem.detail() + " Quote error id " + errorId + " if you contact us.",
                errorId);
    }

    /** As {@link #write(HttpServletResponse, int, String, String, String)}, naming the logged failure. */
    static void write(
            HttpServletResponse response, int status, String code, String title, String detail, String errorId)
            throws IOException {
        byte[] body = body(status, code, title, detail, errorId);
        response.resetBuffer();
        response.setStatus(status);
        response.setContentType(MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(body.length);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        OutputStream out = response.getOutputStream();
        out.write(body);
        out.flush();
    }
}
