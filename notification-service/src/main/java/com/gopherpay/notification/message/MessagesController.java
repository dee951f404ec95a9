package com.gopherpay.notification.message;

import com.gopherpay.notification.auth.ApiKeyAuthenticationFilter;
import com.gopherpay.notification.web.ApiError;
import com.gopherpay.notification.web.ClientText;
import com.gopherpay.notification.web.ValidationErrors;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Novu's {@code GET /v1/messages}: how a caller checks delivery by transaction. Like Novu, the page is not wrapped in
 * another {@code data}; an empty list means "not delivered yet", not failure.
 */
@RestController
class MessagesController {

    private static final int MAX_LIMIT = 1000;

    private final Messages messages;

    MessagesController(Messages messages) {
        this.messages = messages;
    }

    @GetMapping("/v1/messages")
    Map<String, Object> list(
            @RequestAttribute(ApiKeyAuthenticationFilter.ENVIRONMENT_ATTRIBUTE) String environmentId,
            HttpServletRequest request,
            @RequestParam(required = false) String subscriberId,
            @RequestParam(required = false) String channel,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "10") int limit) {
        if (limit > MAX_LIMIT || limit < 1) {
            throw ApiError.http(HttpStatus.BAD_REQUEST, "limit must be between 1 and " + MAX_LIMIT);
        }
        if (page < 0) {
            throw ApiError.http(HttpStatus.BAD_REQUEST, "page must not be negative");
        }
        // Taken as sent: Spring's conversion to a list would split at commas and trim, and so turn "%00" (NUL, which
        // trim() removes) into no filter at all.
        String[] given = request.getParameterValues("transactionId");
        List<String> transactionIds = given == null ? null : List.of(given);
        // The same rules as for triggers: such values can't match anything, and PostgreSQL would refuse NUL.
        ValidationErrors errors = new ValidationErrors();
        if (transactionIds != null) {
            transactionIds.forEach(transactionId -> ClientText.checkId("transactionId", transactionId, errors));
        }
        if (subscriberId != null) {
            ClientText.checkId("subscriberId", subscriberId, errors);
        }
        errors.throwIfAny();
        MessagePage result = messages.find(new MessageQuery(
                environmentId,
                transactionIds == null ? List.of() : transactionIds,
                subscriberId,
                channel,
                page,
                limit));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("page", page);
        body.put("totalCount", result.totalCount());
        body.put("hasMore", (long) (page + 1) * limit < result.totalCount());
        body.put("pageSize", limit);
        body.put(
                "data", result.messages().stream().map(MessagesController::view).toList());
        return body;
    }

    /**
     * One message in the shape of Novu's {@code MessageResponseDto}, with every field its SDKs require ({@code @novu/api}
     * validates the answer) and each of the type they expect: strings for ids and dates, booleans for
     * {@code read}/{@code seen}/{@code deleted}, an object for {@code cta}, optional fields left out rather than null.
     * There are no organizations here, so the environment stands in for one. A message is one notification (one
     * trigger for one subscriber): its notification id is derived from the environment, transactionId and
     * subscriberId, the same for every message of that notification.
     */
    private static Map<String, Object> view(StoredMessage message) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("_id", message.id().toString());
        view.put("_templateId", message.workflowId());
        view.put("_environmentId", message.environmentId());
        view.put("_messageTemplateId", message.workflowId() + ":email");
        view.put("_organizationId", message.environmentId());
        view.put("_notificationId", notificationId(message).toString());
        view.put("_subscriberId", message.subscriberId());
        view.put("subscriber", subscriber(message));
        view.put("templateIdentifier", message.workflowId());
        view.put("transactionId", message.transactionId());
        view.put("channel", "email");
        putIfPresent(view, "email", message.email());
        putIfPresent(view, "subject", message.subject());
        // Gone once the message is redacted (sent, failed or past notification.retention.live-content): it held the
        // link. contentSha256 then says what it was.
        putIfPresent(view, "content", message.html());
        putIfPresent(view, "contentSha256", message.contentSha256());
        view.put("providerId", "smtp");
        view.put("read", false);
        view.put("seen", false);
        view.put("cta", Map.of("data", Map.of()));
        view.put("status", message.status());
        if (message.error() != null) {
            view.put("errorId", "delivery_failed");
            view.put("errorText", message.error());
        }
        view.put("payload", message.payload());
        view.put("overrides", message.overrides() instanceof Map<?, ?> overrides ? overrides : Map.of());
        view.put("createdAt", message.createdAt().toString());
        view.put("updatedAt", message.updatedAt().toString());
        if (message.sentAt() != null) {
            view.put("deliveredAt", List.of(message.sentAt().toString()));
            view.put("sentAt", message.sentAt().toString());
        }
        view.put("attempts", message.attempts());
        return view;
    }

    /** Novu's {@code SubscriberResponseDto}: the subscriber as stored with the message, without null fields. */
    private static Map<String, Object> subscriber(StoredMessage message) {
        Map<String, Object> subscriber = new LinkedHashMap<>();
        message.subscriber().forEach((key, value) -> putIfPresent(subscriber, key, value));
        subscriber.put("subscriberId", message.subscriberId());
        subscriber.put("_environmentId", message.environmentId());
        subscriber.put("_organizationId", message.environmentId());
        subscriber.put("deleted", false);
        subscriber.put("createdAt", message.subscriberCreatedAt().toString());
        subscriber.put("updatedAt", message.subscriberUpdatedAt().toString());
        return subscriber;
    }

    private static UUID notificationId(StoredMessage message) {
        String key = message.environmentId() + "\u0000" + message.transactionId() + "\u0000" + message.subscriberId();
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }

    private static void putIfPresent(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }
}
