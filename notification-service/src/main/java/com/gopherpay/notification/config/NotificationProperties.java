package com.gopherpay.notification.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Everything configurable in notification-service under {@code notification.*}. SMTP itself is Spring Boot's
 * {@code spring.mail.*}; the database is {@code spring.datasource.*}.
 *
 * @param apiKeys accepted API keys, each only as the SHA-256 of the key, with the environment it opens; with none every
 *     API request gets 401 (logged at start-up)
 * @param mail sender identity of every email
 * @param delivery the SMTP delivery worker
 * @param idempotency Novu's Idempotency-Key handling
 * @param retention how long rendered content and payload values (live links) are kept
 * @param maxBodySize largest request body (Novu's limit on /v1/events), enforced first for every path, method and
 *     content type: a larger declared Content-Length gets 413 before authentication without reading the body, and a
 *     body of undeclared length (chunked) gets 413 once it passes the limit
 * @param workflows the workflows that can be triggered, by trigger identifier (see
 *     {@code notification.workflows.<id>.*} and docs/notification-service.md for the template rules)
 */
@Validated
@ConfigurationProperties("notification")
public record NotificationProperties(
        @DefaultValue List<@Valid ApiKey> apiKeys,
        @DefaultValue @Valid Mail mail,
        @DefaultValue @Valid Delivery delivery,
        @DefaultValue @Valid Idempotency idempotency,
        @DefaultValue @Valid Retention retention,
        @DefaultValue("26MB") DataSize maxBodySize,
        @DefaultValue Map<String, @Valid Workflow> workflows) {

    /**
     * One API key.
     *
     * @param environmentId the environment whose subscribers, messages and transaction ids the key opens
     * @param keySha256 hex SHA-256 of the secret key (the key itself is never configured)
     */
    public record ApiKey(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9_.:-]{1,64}")
            String environmentId,

            @NotBlank @Pattern(regexp = "[0-9a-fA-F]{64}", message = "must be 64 hex characters (SHA-256)")
            String keySha256) {}

    /**
     * Sender identity.
     *
     * @param fromAddress the From address of every email; its domain is also the domain of Message-IDs
     * @param fromName the display name shown next to the From address
     */
    public record Mail(
            @DefaultValue("no-reply@gopherpay.local") @NotBlank @Email
            String fromAddress,

            @DefaultValue("GopherPay") String fromName) {}

    /**
     * Delivery worker.
     *
     * @param enabled whether this instance sends queued messages; the API accepts triggers either way
     * @param threads delivery threads in this instance (1 to 32), each with its own SMTP connection per batch; they
     *     share the queue like separate instances do
     * @param batchSize messages claimed at once and sent over one SMTP connection (1 to 1000)
     * @param pollInterval how often the worker looks for due messages when no trigger woke it up (new triggers wake
     *     it at once)
     * @param lease how long a claimed message stays invisible to other workers; a message an instance died sending is
     *     due again after it. A batch starts no message after half of it, and shutdown waits at most this long for all
     *     delivery threads together. Keep it well above the SMTP timeouts
     * @param initialBackoff wait before the first retry of a transient SMTP failure
     * @param backoffMultiplier growth factor of the wait between consecutive retries (at least 1)
     * @param maxBackoff longest wait between two retries (each wait is jittered into its upper half)
     * @param giveUpAfter age after which a message that still fails transiently is marked error; the live-content
     *     retention ends it earlier when shorter, since its link has expired by then
     * @param outage what the worker does while the SMTP server itself is unavailable (see
     *     {@code notification.delivery.outage.*})
     */
    public record Delivery(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("2") @Min(1) @Max(32) int threads,
            @DefaultValue("50") @Min(1) @Max(1000) int batchSize,
            @DefaultValue("1s") @NotNull Duration pollInterval,
            @DefaultValue("2m") @NotNull Duration lease,
            @DefaultValue("2s") @NotNull Duration initialBackoff,
            @DefaultValue("2.0") @DecimalMin("1.0") double backoffMultiplier,
            @DefaultValue("5m") @NotNull Duration maxBackoff,
            @DefaultValue("24h") @NotNull Duration giveUpAfter,
            @DefaultValue @Valid Outage outage) {}

    /**
     * SMTP outage handling. When the SMTP server cannot be used at all (the connection is refused or times out, the
     * greeting or EHLO is a 4xx such as 421, STARTTLS or the login fails), the worker stops claiming messages instead
     * of spending their attempts, and probes the server (connect, EHLO, login, QUIT) until it answers; then every
     * message that waited because of the outage is due at once. A refusal of one message (a 4xx or 5xx reply to
     * MAIL FROM, RCPT TO or DATA) is never an outage: that message alone is retried or failed.
     *
     * @param probeInterval wait before the first probe once an outage is detected; it doubles after each failed probe
     * @param maxProbeInterval longest wait between two probes, so delivery resumes at most about this long after the
     *     server answers again
     */
    public record Outage(
            @DefaultValue("1s") @NotNull @DurationMin(nanos = 0, inclusive = false)
            Duration probeInterval,

            @DefaultValue("5s") @NotNull @DurationMin(nanos = 0, inclusive = false)
            Duration maxProbeInterval) {}

    /**
     * Idempotency-Key handling (Novu's semantics; on by default here, a flag in Novu).
     *
     * @param enabled whether the Idempotency-Key header is honoured (Novu: off unless IS_API_IDEMPOTENCY_ENABLED)
     * @param ttl how long a finished response is replayed for the same key; 5xx responses are not kept (the key is
     *     released so that a retry runs again)
     * @param inProgressTtl how long a request that never finished blocks its key (409)
     */
    public record Idempotency(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("24h") @NotNull Duration ttl,
            @DefaultValue("5m") @NotNull Duration inProgressTtl) {}

    /**
     * How long live content is kept. A message's rendered html/text and its payload values (which hold the links it
     * carries) are redacted as soon as the message is sent or has failed, and at the latest {@code liveContent}
     * after it was accepted: a message not delivered by then is failed, since its link has expired.
     *
     * @param liveContent the longest life of a link a message carries: the verification token TTL (60 min by
     *     default in identity-service) plus a margin for clock skew and the time the event spent in Kafka. A message
     *     still queued after this age is failed and redacted
     * @param sweepInterval how often each instance runs the redaction sweep (instances share it safely)
     */
    public record Retention(
            @DefaultValue("75m") @NotNull Duration liveContent,
            @DefaultValue("1m") @NotNull Duration sweepInterval) {}

    /**
     * One workflow with a single email step; the templates are Liquid with {@code payload.*} and
     * {@code subscriber.*}.
     *
     * @param active an inactive workflow answers {@code trigger_not_active} and sends nothing
     * @param subject the email subject (Liquid)
     * @param html the HTML body template (Liquid; values are HTML-escaped)
     * @param text the plain-text body template (Liquid)
     */
    public record Workflow(
            @DefaultValue("true") boolean active,
            @NotBlank String subject,
            @NotNull Resource html,
            @NotNull Resource text) {}
}
