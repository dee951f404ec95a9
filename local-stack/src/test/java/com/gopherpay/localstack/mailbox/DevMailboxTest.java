package com.gopherpay.localstack.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DevMailboxTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private DevMailbox mailbox;

    @BeforeEach
    void start() {
        mailbox = DevMailbox.start(0, 0);
    }

    @AfterEach
    void stop() {
        mailbox.close();
    }

    @Test
    void listsReceivedMailInMailpitsShapeNewestFirst() throws Exception {
        send("first@example.com", "First", "one", "<p>one</p>");
        send("second@example.com", "Second", "two", "<p>two</p>");

        JsonNode list = getJson("/api/v1/messages");

        assertThat(list.path("total").asInt()).isEqualTo(2);
        assertThat(list.path("messages_count").asInt()).isEqualTo(2);
        JsonNode newest = list.path("messages").get(0);
        assertThat(newest.path("Subject").asText()).isEqualTo("Second");
        assertThat(newest.path("To").get(0).path("Address").asText()).isEqualTo("second@example.com");
        assertThat(newest.path("From").path("Name").asText()).isEqualTo("GopherPay");
        assertThat(newest.path("Snippet").asText()).isEqualTo("two");
        assertThat(newest.path("ID").asText()).isNotBlank();
    }

    @Test
    void pagesOfTheListAgreeWithTheWholeListAndCountEverything() throws Exception {
        send("first@example.com", "First", "one", "<p>one</p>");
        send("second@example.com", "Second", "two", "<p>two</p>");
        send("third@example.com", "Third", "three", "<p>three</p>");
        JsonNode all = getJson("/api/v1/messages");

        JsonNode middle = getJson("/api/v1/messages?start=1&limit=1");
        JsonNode none = getJson("/api/v1/messages?limit=0");
        JsonNode past = getJson("/api/v1/messages?start=5");

        assertThat(middle.path("total").asInt()).isEqualTo(3);
        assertThat(middle.path("count").asInt()).isEqualTo(1);
        assertThat(middle.path("messages").get(0).path("Subject").asText()).isEqualTo("Second");
        assertThat(middle.path("messages").get(0).path("ID").asText())
                .isEqualTo(all.path("messages").get(1).path("ID").asText());
        assertThat(none.path("total").asInt()).isEqualTo(3);
        assertThat(none.path("messages")).isEmpty();
        assertThat(past.path("total").asInt()).isEqualTo(3);
        assertThat(past.path("messages")).isEmpty();
    }

    @Test
    void showsOneMessageWithBothPartsAndTheLinkIntact() throws Exception {
        String link = "http://127.0.0.1:8080/verify-email?token=abc_DEF-123&x=1";
        send(
                "person@example.com",
                "Confirm",
                "Open " + link,
                "<a href=\"" + link.replace("&", "&amp;") + "\">Confirm</a>");
        String id =
                getJson("/api/v1/messages").path("messages").get(0).path("ID").asText();

        JsonNode message = getJson("/api/v1/message/" + id);

        assertThat(message.path("Text").asText()).contains(link);
        assertThat(message.path("HTML").asText()).contains("token=abc_DEF-123&amp;x=1");
        HttpResponse<String> page = get("/message/" + id);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Confirm").contains("/view/" + id + ".html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
        HttpResponse<String> html = get("/view/" + id + ".html");
        assertThat(html.body()).startsWith("<base target=\"_top\">").contains("href=");
    }

    @Test
    void escapesSubjectsInItsOwnPagesAndAnswers404ForUnknownMessages() throws Exception {
        send("x@example.com", "<script>alert(1)</script>", "body", "<p>body</p>");

        assertThat(get("/").body())
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("<script>alert");
        assertThat(get("/api/v1/message/0123456789abcdef").statusCode()).isEqualTo(404);
        assertThat(get("/nowhere").statusCode()).isEqualTo(404);
    }

    @Test
    void deletesAllMessages() throws Exception {
        send("x@example.com", "Gone soon", "body", "<p>body</p>");

        HttpResponse<String> deleted = http.send(
                HttpRequest.newBuilder(url("/api/v1/messages")).DELETE().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(deleted.statusCode()).isEqualTo(200);
        assertThat(getJson("/api/v1/messages").path("total").asInt()).isZero();
    }

    @Test
    void servesNoSmtpControlUnlessFaultInjectionIsOn() throws Exception {
        assertThat(get("/control/smtp").statusCode()).isEqualTo(404);
        assertThat(put("/control/smtp", "{\"accepting\": false}").statusCode()).isEqualTo(404);

        send("still@example.com", "Still up", "body", "<p>body</p>");
        assertThat(getJson("/api/v1/messages").path("total").asInt()).isEqualTo(1);
    }

    @Test
    void takesSmtpDownAndBringsItBackOnTheSamePortKeepingTheMail() throws Exception {
        mailbox.close();
        mailbox = DevMailbox.start(0, 0, true);
        int port = mailbox.smtpPort();
        send("before@example.com", "Before", "one", "<p>one</p>");

        HttpResponse<String> down = put("/control/smtp", "{\"accepting\": false}");

        assertThat(down.statusCode()).isEqualTo(200);
        assertThat(json.readTree(down.body()).path("accepting").asBoolean()).isFalse();
        assertThat(json.readTree(get("/control/smtp").body()).path("accepting").asBoolean())
                .isFalse();
        assertThatThrownBy(() -> send("during@example.com", "During", "two", "<p>two</p>"))
                .isInstanceOf(MessagingException.class)
                .rootCause()
                .isInstanceOf(ConnectException.class);

        HttpResponse<String> up = put("/control/smtp", "{\"accepting\": true}");

        assertThat(up.statusCode()).isEqualTo(200);
        assertThat(json.readTree(up.body()).path("accepting").asBoolean()).isTrue();
        assertThat(json.readTree(up.body()).path("port").asInt()).isEqualTo(port);
        assertThat(mailbox.smtpPort()).isEqualTo(port);
        send("after@example.com", "After", "three", "<p>three</p>");
        JsonNode list = getJson("/api/v1/messages");
        assertThat(list.path("total").asInt()).isEqualTo(2);
        assertThat(list.path("messages").get(0).path("Subject").asText()).isEqualTo("After");
        assertThat(list.path("messages").get(1).path("Subject").asText()).isEqualTo("Before");
    }

    @Test
    void refusesAnSmtpControlBodyItCannotReadAndOtherMethods() throws Exception {
        mailbox.close();
        mailbox = DevMailbox.start(0, 0, true);

        HttpResponse<String> bad = put("/control/smtp", "{\"accepting\": \"no\"}");
        HttpResponse<String> empty = put("/control/smtp", "");
        HttpResponse<String> post = http.send(
                HttpRequest.newBuilder(url("/control/smtp"))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"accepting\": false}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json.readTree(bad.body()).path("error").asText()).contains("accepting");
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(mailbox.smtpAccepting()).isTrue();
    }

    private HttpResponse<String> put(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(url(path))
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void send(String to, String subject, String text, String html) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", "127.0.0.1");
        props.put("mail.smtp.port", String.valueOf(mailbox.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress("noreply@gopherpay.test", "GopherPay"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject, "UTF-8");
        MimeBodyPart textPart = new MimeBodyPart();
        textPart.setText(text, "UTF-8");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setContent(html, "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", textPart, htmlPart));
        Transport.send(message);
    }

    private JsonNode getJson(String path) throws Exception {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
        return json.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + mailbox.httpPort() + path);
    }
}
