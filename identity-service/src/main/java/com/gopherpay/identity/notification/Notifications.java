package com.gopherpay.identity.notification;

import com.gopherpay.identity.config.IdentityProperties;
import com.gopherpay.identity.outbox.Outbox;
import com.gopherpay.identity.outbox.OutboxMessage;
import com.gopherpay.identity.user.User;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;
import tools.jackson.databind.json.JsonMapper;

/** The emails this service asks for, written to the outbox as Novu trigger bodies. */
@Component
public class Notifications {

    /** Novu workflow that sends the verification link. */
    public static final String EMAIL_VERIFICATION = "email-verification";
    /** Novu workflow that tells an existing user someone tried to register with their address. */
    public static final String ACCOUNT_EXISTS = "account-exists";

    private final Outbox outbox;
    private final IdentityProperties identity;
    private final IdGenerator ids;
    private final JsonMapper json;

    Notifications(Outbox outbox, IdentityProperties identity, IdGenerator ids, JsonMapper json) {
        this.outbox = outbox;
        this.identity = identity;
        this.ids = ids;
        this.json = json;
    }

    /**
     * Queues the verification email carrying {@code rawToken}; {@code eventType} says why ({@code UserRegistered},
     * {@code VerificationResent}). Must run in the transaction that stores the token.
     */
    public void emailVerification(User user, String rawToken, Instant expiresAt, String eventType) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put(
                "verificationLink",
                identity.link("/verify-email?token=" + URLEncoder.encode(rawToken, StandardCharsets.UTF_8)));
        payload.put("expiresAt", expiresAt.toString());
        append(user, EMAIL_VERIFICATION, eventType, payload);
    }

    /**
     * Queues the "you already have an account" notice. This system has no sign-in or password-reset page yet, so
     * {@code loginLink} is the public base URL and {@code resetLink} (optional in the template) is left out rather than
     * pointing at pages that answer 404.
     */
    public void accountExists(User user) {
        Map<String, String> payload = new LinkedHashMap<>();
        payload.put("loginLink", identity.publicBaseUrl().toString());
        append(user, ACCOUNT_EXISTS, "AccountExistsNoticeRequested", payload);
    }

    private void append(User user, String workflow, String eventType, Map<String, String> payload) {
        UUID eventId = ids.generateId();
        NovuTrigger trigger = new NovuTrigger(
                workflow,
                new NovuTrigger.Subscriber(user.id().toString(), user.email(), user.firstName(), user.lastName()),
                payload,
                eventId.toString());
        outbox.append(new OutboxMessage(eventId, user.id().toString(), eventType, json.writeValueAsString(trigger)));
    }
}
