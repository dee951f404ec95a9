package com.gopherpay.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.gopherpay.localstack.LocalStack;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Accounts that can sign in: registered with {@link #PASSWORD} and confirmed with the token from their record. */
final class VerifiedAccounts {

    static final String PASSWORD = "Kite-benchmark-sign-in-Zq";

    private VerifiedAccounts() {}

    /** Registers and verifies {@code count} accounts; returns their emails. */
    static List<String> create(LocalStack stack, int count) throws Exception {
        Registrations registrations = new Registrations(stack.identityUrl(), "bench-account");
        Http http = new Http();
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String email = registrations.nextEmail();
            HttpResponse<String> registered = http.postJson(
                    stack.identityUrl().resolve("/auth/register"),
                    Map.of(
                            "email",
                            email,
                            "password",
                            PASSWORD,
                            "confirmPassword",
                            PASSWORD,
                            "fullName",
                            "Load Tester"),
                    Map.of());
            if (registered.statusCode() != 201) {
                throw new IllegalStateException("Registration failed: " + registered.statusCode());
            }
            emails.add(email);
        }
        int verified = 0;
        for (String token : tokens(stack.kafkaBootstrapServers(), count)) {
            int status = http.postJson(
                            stack.identityUrl().resolve("/auth/verify-email"),
                            Map.of("token", token, "password", PASSWORD),
                            Map.of())
                    .statusCode();
            if (status == 200) {
                verified++;
            }
        }
        if (verified != count) {
            throw new IllegalStateException("Only " + verified + " of " + count + " accounts could be verified");
        }
        return emails;
    }

    /** The tokens of the first {@code count} verification records on the topic. */
    private static List<String> tokens(String bootstrapServers, int count) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "sign-in-benchmark-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> tokens = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of("email-verification"));
            long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
            while (tokens.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        JsonNode link = Http.JSON
                                .readTree(record.value())
                                .path("payload")
                                .path("verificationLink");
                        String text = link.asText();
                        tokens.add(text.substring(text.indexOf("token=") + "token=".length()));
                    } catch (Exception e) {
                        throw new IllegalStateException("Unreadable verification record", e);
                    }
                }
            }
        }
        return tokens;
    }
}
