package com.gopherpay.localstack.mailbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Routes of the dev mailbox. The JSON API follows Mailpit's ({@code GET /api/v1/messages},
 * {@code GET /api/v1/message/{ID}}, {@code DELETE /api/v1/messages}, {@code /view/{ID}.html|.txt}) so scripts written
 * for Mailpit work unchanged.
 */
final class MailboxHandler implements HttpHandler {

    private static final Pattern MESSAGE = Pattern.compile("/api/v1/message/([0-9a-f]+)");
    private static final Pattern VIEW = Pattern.compile("/view/([0-9a-f]+)\\.(html|txt)");
    private static final Pattern PAGE = Pattern.compile("/message/([0-9a-f]+)");
    private static final DateTimeFormatter DISPLAY =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final String PAGE_CSP =
            "default-src 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'none'";
    // Email HTML carries inline styles and remote images by nature; scripts never run in it.
    private static final String EMAIL_CSP =
            "default-src 'none'; style-src 'unsafe-inline'; img-src data: https: http:; frame-ancestors 'self'";

    private final MailStore store;
    private final ObjectMapper json = new ObjectMapper();

    MailboxHandler(MailStore store) {
        this.store = store;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            route(exchange);
        } catch (RuntimeException e) {
            send(exchange, 500, "text/plain", "Mailbox error: " + e.getClass().getSimpleName());
        }
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Matcher matcher;
        if (path.equals("/api/v1/messages") && method.equals("GET")) {
            sendJson(exchange, 200, messageList(query(exchange)));
        } else if (path.equals("/api/v1/messages") && method.equals("DELETE")) {
            store.deleteAll();
            send(exchange, 200, "text/plain", "ok");
        } else if ((matcher = MESSAGE.matcher(path)).matches() && method.equals("GET")) {
            Optional<MailMessage> message = store.find(matcher.group(1));
            if (message.isPresent()) {
                sendJson(exchange, 200, messageDetail(message.get()));
            } else {
                send(exchange, 404, "text/plain", "message not found");
            }
        } else if ((matcher = VIEW.matcher(path)).matches() && method.equals("GET")) {
            view(exchange, matcher.group(1), matcher.group(2));
        } else if ((matcher = PAGE.matcher(path)).matches() && method.equals("GET")) {
            Optional<MailMessage> message = store.find(matcher.group(1));
            if (message.isPresent()) {
                sendPage(exchange, 200, MailboxPages.message(message.get(), DISPLAY));
            } else {
                sendPage(exchange, 404, MailboxPages.notFound());
            }
        } else if (path.equals("/") && method.equals("GET")) {
            sendPage(exchange, 200, MailboxPages.list(store.messages(), DISPLAY));
        } else if (path.equals("/mailbox.css") || path.equals("/mailbox.js")) {
            asset(exchange, path.substring(1));
        } else {
            send(exchange, 404, "text/plain", "not found");
        }
    }

    private ObjectNode messageList(Map<String, String> query) {
        int start = intParam(query, "start", 0);
        int limit = intParam(query, "limit", 50);
        MailStore.Page page = store.page(start, limit);
        ObjectNode root = json.createObjectNode();
        root.put("total", page.total());
        root.put("unread", page.total());
        root.put("count", page.messages().size());
        root.put("messages_count", page.total());
        root.put("start", start);
        root.putArray("tags");
        ArrayNode messages = root.putArray("messages");
        for (MailMessage message : page.messages()) {
            ObjectNode summary = messages.addObject();
            common(summary, message);
            summary.put("Read", false);
            summary.put("Created", message.received().toString());
            summary.put("Attachments", 0);
            summary.put("Snippet", message.snippet());
        }
        return root;
    }

    private ObjectNode messageDetail(MailMessage message) {
        ObjectNode detail = json.createObjectNode();
        common(detail, message);
        detail.put("Date", message.date().toString());
        detail.put("Text", Optional.ofNullable(message.text()).orElse(""));
        detail.put("HTML", Optional.ofNullable(message.html()).orElse(""));
        detail.putArray("Inline");
        detail.putArray("Attachments");
        return detail;
    }

    private void common(ObjectNode node, MailMessage message) {
        node.put("ID", message.id());
        node.put("MessageID", message.messageId());
        ObjectNode from = node.putObject("From");
        from.put("Name", message.from().name());
        from.put("Address", message.from().address());
        ArrayNode to = node.putArray("To");
        for (MailMessage.Address address : message.to()) {
            to.addObject().put("Name", address.name()).put("Address", address.address());
        }
        node.putArray("Cc");
        node.putArray("Bcc");
        node.putArray("ReplyTo");
        node.put("Subject", message.subject());
        node.putArray("Tags");
        node.put("Size", message.size());
    }

    private void view(HttpExchange exchange, String id, String format) throws IOException {
        Optional<MailMessage> message = store.find(id);
        if (message.isEmpty()) {
            send(exchange, 404, "text/plain", "message not found");
            return;
        }
        if (format.equals("txt")) {
            send(
                    exchange,
                    200,
                    "text/plain; charset=utf-8",
                    Optional.ofNullable(message.get().text()).orElse(""));
            return;
        }
        // Links in the email open in the whole window: the target pages refuse to be framed.
        String html = Optional.ofNullable(message.get().html()).orElse("<p>(no HTML part)</p>");
        exchange.getResponseHeaders().set("Content-Security-Policy", EMAIL_CSP);
        send(exchange, 200, "text/html; charset=utf-8", "<base target=\"_top\">" + html);
    }

    private void asset(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = MailboxHandler.class.getResourceAsStream("/mailbox/" + name)) {
            if (in == null) {
                send(exchange, 404, "text/plain", "not found");
                return;
            }
            String type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
            send(exchange, 200, type, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private void sendPage(HttpExchange exchange, int status, String html) throws IOException {
        exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_CSP);
        exchange.getResponseHeaders().set("X-Frame-Options", "DENY");
        send(exchange, status, "text/html; charset=utf-8", html);
    }

    private void sendJson(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        send(exchange, status, "application/json", json.writeValueAsString(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(HttpExchange exchange) {
        String raw = exchange.getRequestURI().getQuery();
        if (raw == null || raw.isEmpty()) {
            return Map.of();
        }
        java.util.HashMap<String, String> params = new java.util.HashMap<>();
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return params;
    }

    private static int intParam(Map<String, String> query, String name, int fallback) {
        try {
            return Math.max(0, Integer.parseInt(query.getOrDefault(name, String.valueOf(fallback))));
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
