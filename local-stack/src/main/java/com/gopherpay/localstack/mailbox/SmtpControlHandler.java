package com.gopherpay.localstack.mailbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * {@code /control/smtp}, served only with {@code --fault-injection} (the resilience tests): {@code GET} tells whether
 * the SMTP server accepts connections, {@code PUT {"accepting": false}} takes it down (connections refused, mail
 * received so far kept) and {@code PUT {"accepting": true}} brings it back on the same port. Answers
 * {@code {"accepting": …, "port": …}}; a bad body gets 400 with {@code {"error": …}}.
 *
 * <p>Only {@code PUT} changes anything: a browser never sends a cross-origin PUT without a CORS preflight, which this
 * server does not grant, so a web page cannot take the developer's SMTP down. Like the whole mailbox it listens on
 * 127.0.0.1 only.
 */
final class SmtpControlHandler implements HttpHandler {

    static final String PATH = "/control/smtp";
    private static final int MAX_BODY = 1024;

    private final DevMailbox mailbox;
    private final ObjectMapper json = new ObjectMapper();

    SmtpControlHandler(DevMailbox mailbox) {
        this.mailbox = mailbox;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                error(exchange, 404, "not found");
            } else if (exchange.getRequestMethod().equals("GET")) {
                state(exchange);
            } else if (exchange.getRequestMethod().equals("PUT")) {
                change(exchange);
            } else {
                exchange.getResponseHeaders().set("Allow", "GET, PUT");
                error(exchange, 405, "use GET or PUT");
            }
        } catch (RuntimeException e) {
            error(exchange, 500, "SMTP control failed: " + e.getMessage());
        }
    }

    private void change(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY + 1);
        JsonNode accepting;
        try {
            accepting = body.length > MAX_BODY ? null : json.readTree(body).path("accepting");
        } catch (IOException e) {
            accepting = null;
        }
        if (accepting == null || !accepting.isBoolean()) {
            error(exchange, 400, "expected {\"accepting\": true} or {\"accepting\": false}");
            return;
        }
        if (accepting.booleanValue()) {
            mailbox.startSmtp();
        } else {
            mailbox.stopSmtp();
        }
        state(exchange);
    }

    private void state(HttpExchange exchange) throws IOException {
        ObjectNode state = json.createObjectNode();
        state.put("accepting", mailbox.smtpAccepting());
        state.put("port", mailbox.smtpPort());
        send(exchange, 200, state);
    }

    private void error(HttpExchange exchange, int status, String message) throws IOException {
        send(exchange, status, json.createObjectNode().put("error", message));
    }

    private void send(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
