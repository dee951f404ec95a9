package com.gopherpay.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.Api;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * The valve in a real Tomcat with no application error handling at all: whatever leaves the container with an error
 * status and no body is answered by the valve alone.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContainerProblemValveTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private Tomcat tomcat;

    @BeforeEach
    void start(@TempDir Path base) throws LifecycleException, IOException {
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createDirectories(base.resolve("tomcat")).toString());
        tomcat.setPort(0);
        // As TomcatEdge installs it: instead of the host's HTML error report.
        ((StandardHost) tomcat.getHost()).setErrorReportValveClass("");
        tomcat.getHost().getPipeline().addValve(new ContainerProblemValve());
        Context context = tomcat.addContext("", base.toString());
        Tomcat.addServlet(context, "failing", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws ServletException {
                throw new ServletException("container broke: secret=42");
            }
        });
        context.addServletMappingDecoded("/fail", "failing");
        Tomcat.addServlet(context, "refusing", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
                response.sendError(403);
            }
        });
        context.addServletMappingDecoded("/refuse", "refusing");
        tomcat.getConnector(); // creates the default connector
        tomcat.start();
    }

    @AfterEach
    void stop() throws LifecycleException {
        tomcat.stop();
        tomcat.destroy();
    }

    @Test
    void aContainerFailureIsAnsweredWithAnErrorIdThatTheLogCarriesToo(CapturedOutput output) throws Exception {
        HttpResponse<String> response = get("/fail");

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = Api.JSON.readTree(response.body());
        String errorId = problem.get("errorId").asString();
        assertThat(errorId).matches("[0-9a-f-]{36}");
        assertThat(problem.get("detail").asString()).contains(errorId);
        assertThat(response.body()).doesNotContain("secret", "ServletException");
        assertThat(output.getOut() + output.getErr())
                .contains("errorId=" + errorId)
                .contains("jakarta.servlet.ServletException: container broke");
    }

    @Test
    void aRefusalGetsItsProblemWithoutAnErrorId(CapturedOutput output) throws Exception {
        HttpResponse<String> response = get("/refuse");

        assertThat(response.statusCode()).isEqualTo(403);
        JsonNode problem = Api.JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.has("errorId")).isFalse();
        assertThat(output.getOut() + output.getErr()).doesNotContain("errorId=");
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        int port = tomcat.getConnector().getLocalPort();
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
