package com.gopherpay.localstack.mailbox;

import java.time.format.DateTimeFormatter;
import java.util.List;

/** The mailbox's HTML pages: a list of messages and one message with its HTML and plain-text views. */
final class MailboxPages {

    private MailboxPages() {}

    static String list(List<MailMessage> messages, DateTimeFormatter dates) {
        StringBuilder rows = new StringBuilder();
        for (MailMessage message : messages) {
            rows.append("<tr><td><a href=\"/message/")
                    .append(message.id())
                    .append("\">")
                    .append(Html.escape(message.subject().isEmpty() ? "(no subject)" : message.subject()))
                    .append("</a><div class=\"snippet\">")
                    .append(Html.escape(message.snippet()))
                    .append("</div></td><td>")
                    .append(Html.escape(recipients(message)))
                    .append("</td><td><time>")
                    .append(dates.format(message.received()))
                    .append("</time></td></tr>");
        }
        String body = messages.isEmpty()
                ? "<p class=\"empty\">No messages yet. Register on the identity page and the verification email appears here.</p>"
                : "<table><caption class=\"visually-hidden\">Received messages, newest first</caption>"
                        + "<thead><tr><th scope=\"col\">Subject</th><th scope=\"col\">To</th><th scope=\"col\">Received</th></tr></thead><tbody>"
                        + rows + "</tbody></table>";
        return layout(
                "Mailbox",
                "<h1>Dev mailbox</h1><p class=\"lead\" data-count=\"" + messages.size() + "\" id=\"count\">"
                        + messages.size() + " message" + (messages.size() == 1 ? "" : "s")
                        + " received by the local SMTP server.</p>" + body);
    }

    static String message(MailMessage message, DateTimeFormatter dates) {
        String content = "<p><a href=\"/\">← All messages</a></p>"
                + "<h1>" + Html.escape(message.subject()) + "</h1>"
                + "<dl class=\"headers\"><dt>From</dt><dd>" + Html.escape(format(message.from())) + "</dd>"
                + "<dt>To</dt><dd>" + Html.escape(recipients(message)) + "</dd>"
                + "<dt>Date</dt><dd>" + dates.format(message.date()) + "</dd></dl>"
                + "<h2>HTML</h2>"
                + "<iframe id=\"html-view\" title=\"HTML version of the email\" src=\"/view/" + message.id()
                + ".html\" "
                + "sandbox=\"allow-popups allow-popups-to-escape-sandbox allow-top-navigation-by-user-activation\"></iframe>"
                + "<h2>Plain text</h2><pre id=\"text-view\">" + Html.escape(message.text()) + "</pre>";
        return layout(message.subject(), content);
    }

    static String notFound() {
        return layout("Not found", "<h1>Message not found</h1><p><a href=\"/\">← All messages</a></p>");
    }

    private static String recipients(MailMessage message) {
        return String.join(", ", message.to().stream().map(MailboxPages::format).toList());
    }

    private static String format(MailMessage.Address address) {
        return address.name().isEmpty() ? address.address() : address.name() + " <" + address.address() + ">";
    }

    private static String layout(String title, String content) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + Html.escape(title) + " · GopherPay dev mailbox</title>"
                + "<link rel=\"stylesheet\" href=\"/mailbox.css\"><script src=\"/mailbox.js\" defer></script></head>"
                + "<body><main>" + content + "</main></body></html>";
    }
}
