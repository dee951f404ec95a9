package com.gopherpay.notification.delivery;

import com.gopherpay.notification.config.NotificationProperties;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code smtp} in {@code /actuator/health} (management port): DOWN while delivery waits for the SMTP server, with
 * {@code since}, {@code lastError} (the reason the latest probe failed: no addresses, no credentials),
 * {@code failedProbes} and {@code nextProbeAt}; UP otherwise, with the latest outage if there was one; UNKNOWN on an
 * instance whose delivery is off (it never talks to the server). It reports what delivery and its probes saw and opens no connection itself.
 *
 * <p>It is not part of the readiness or liveness groups ({@code /readyz}, {@code /livez}): during an outage the API
 * still accepts triggers and queues them, so taking the instance out of a load balancer (or restarting it) would only
 * make things worse. The aggregate {@code /actuator/health} turns DOWN, which is what monitoring watches.
 */
@Component
class SmtpHealthIndicator implements HealthIndicator {

    private final SmtpAvailability availability;
    private final SmtpBatchSender sender;
    private final boolean deliveryEnabled;

    SmtpHealthIndicator(SmtpAvailability availability, SmtpBatchSender sender, NotificationProperties properties) {
        this.availability = availability;
        this.sender = sender;
        this.deliveryEnabled = properties.delivery().enabled();
    }

    @Override
    public Health health() {
        SmtpAvailability.Outage outage = availability.outage();
        Health.Builder health;
        if (outage != null) {
            health = Health.down();
        } else if (!deliveryEnabled) {
            health = Health.unknown()
                    .withDetail("delivery", "disabled on this instance (notification.delivery.enabled=false)");
        } else {
            health = Health.up();
        }
        health.withDetail("server", sender.server()).withDetail("outages", (long) availability.outagesSoFar());
        if (outage != null) {
            health.withDetail("since", outage.since().toString())
                    .withDetail("lastError", outage.lastError())
                    .withDetail("failedProbes", outage.failedProbes())
                    .withDetail("nextProbeAt", outage.nextProbeAt().toString());
        } else if (availability.lastOutage() != null) {
            SmtpAvailability.Ended last = availability.lastOutage();
            health.withDetail("lastOutageSince", last.since().toString())
                    .withDetail("lastOutageDuration", last.duration().toString());
        }
        return health.build();
    }
}
