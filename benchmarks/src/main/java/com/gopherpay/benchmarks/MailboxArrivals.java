package com.gopherpay.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads, from the dev mailbox's Mailpit-shaped API, when each recipient's email arrived over SMTP. */
final class MailboxArrivals {

    private final Http http = new Http();
    private final URI mailbox;

    MailboxArrivals(URI mailbox) {
        this.mailbox = mailbox;
    }

    Map<String, Instant> byRecipient() throws Exception {
        JsonNode list = http.getJson(mailbox.resolve("/api/v1/messages?limit=1000000"));
        Map<String, Instant> arrivals = new HashMap<>();
        for (JsonNode message : list.path("messages")) {
            Instant created = Instant.parse(message.path("Created").asText());
            for (JsonNode to : message.path("To")) {
                arrivals.merge(to.path("Address").asText().toLowerCase(), created, (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        return arrivals;
    }

    /** When each message in the mailbox arrived, in the mailbox's order. */
    List<Instant> arrivalTimes() throws Exception {
        JsonNode list = http.getJson(mailbox.resolve("/api/v1/messages?limit=1000000"));
        List<Instant> times = new ArrayList<>();
        for (JsonNode message : list.path("messages")) {
            times.add(Instant.parse(message.path("Created").asText()));
        }
        return times;
    }

    int total() throws Exception {
        return http.getJson(mailbox.resolve("/api/v1/messages?limit=0"))
                .path("total")
                .asInt();
    }
}
