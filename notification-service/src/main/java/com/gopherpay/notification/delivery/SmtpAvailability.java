package com.gopherpay.notification.delivery;

import com.gopherpay.notification.config.NotificationProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * Whether this instance can use the SMTP server: a circuit breaker around the connection. Delivery opens it when a
 * connection cannot be opened at all; while it is open the worker claims no message and one delivery thread probes
 * the server, first after {@code notification.delivery.outage.probe-interval}, then at doubling intervals up to
 * {@code max-probe-interval}; the first probe that gets through closes it. Each instance keeps its own breaker (each
 * may have its own path to the server). Metrics: {@code notification.smtp.up} (1 or 0),
 * {@code notification.smtp.outages} and {@code notification.smtp.probes{outcome}}.
 */
@Component
class SmtpAvailability {

    /**
     * An outage as this instance saw it.
     *
     * @param since when delivery first failed to connect
     * @param firstError why, as recorded in {@code last_error} (no addresses, no credentials)
     * @param lastError what the latest probe ran into
     * @param failedProbes probes that did not get through so far
     * @param nextProbeAt when the next probe is due
     * @param probeInterval the wait after the next failed probe
     */
    record Outage(
            Instant since,
            String firstError,
            String lastError,
            int failedProbes,
            Instant nextProbeAt,
            Duration probeInterval) {}

    /**
     * A closed breaker's memory of the latest outage, for the health details.
     *
     * @param since when it began
     * @param duration how long delivery was paused
     */
    record Ended(Instant since, Duration duration) {}

    private final Duration firstProbe;
    private final Duration maxProbe;
    private final Counter outages;
    private final Counter probesOk;
    private final Counter probesFailed;
    private Outage outage;
    private Ended lastOutage;
    private boolean probing;

    SmtpAvailability(NotificationProperties properties, MeterRegistry meters) {
        NotificationProperties.Outage settings = properties.delivery().outage();
        this.firstProbe = settings.probeInterval();
        this.maxProbe =
                settings.maxProbeInterval().compareTo(firstProbe) < 0 ? firstProbe : settings.maxProbeInterval();
        this.outages = Counter.builder("notification.smtp.outages")
                .description("SMTP outages this instance detected (connections refused, timed out or turned away)")
                .register(meters);
        this.probesOk = meters.counter("notification.smtp.probes", "outcome", "ok");
        this.probesFailed = meters.counter("notification.smtp.probes", "outcome", "failed");
        Gauge.builder("notification.smtp.up", this, availability -> availability.isDown() ? 0 : 1)
                .description("1 while this instance can reach the SMTP server, 0 while delivery waits for it")
                .register(meters);
    }

    synchronized boolean isDown() {
        return outage != null;
    }

    /** The outage in progress, or null. */
    synchronized Outage outage() {
        return outage;
    }

    /** The latest outage that ended, or null. */
    synchronized Ended lastOutage() {
        return lastOutage;
    }

    /**
     * A connection could not be opened.
     *
     * @param tried when the connection was tried: one that began before the latest outage ended (a slow timeout)
     *     says nothing about the server now and opens nothing
     * @return true if this call opened the breaker (an outage begins), false if it was open already
     */
    synchronized boolean connectFailed(String reason, Instant tried, Instant now) {
        if (outage != null
                || (lastOutage != null && tried.isBefore(lastOutage.since().plus(lastOutage.duration())))) {
            return false;
        }
        outage = new Outage(now, reason, reason, 0, now.plus(firstProbe), doubled(firstProbe));
        outages.increment();
        return true;
    }

    /** Time until the next probe is due (zero or negative when due); null when the breaker is closed. */
    synchronized Duration untilNextProbe(Instant now) {
        return outage == null ? null : Duration.between(now, outage.nextProbeAt());
    }

    /** @return true if the caller is to probe now: the breaker is open, a probe is due and no other thread runs one */
    synchronized boolean startProbe(Instant now) {
        if (outage == null || probing || now.isBefore(outage.nextProbeAt())) {
            return false;
        }
        probing = true;
        return true;
    }

    synchronized void probeFailed(String reason, Instant now) {
        probing = false;
        probesFailed.increment();
        if (outage != null) {
            outage = new Outage(
                    outage.since(),
                    outage.firstError(),
                    reason,
                    outage.failedProbes() + 1,
                    now.plus(outage.probeInterval()),
                    doubled(outage.probeInterval()));
        }
    }

    /** Closes the breaker. @return the outage that ended, or null if there was none */
    synchronized Ended probeSucceeded(Instant now) {
        probing = false;
        probesOk.increment();
        if (outage == null) {
            return null;
        }
        lastOutage = new Ended(outage.since(), Duration.between(outage.since(), now));
        outage = null;
        return lastOutage;
    }

    double outagesSoFar() {
        return outages.count();
    }

    private Duration doubled(Duration interval) {
        Duration next = interval.multipliedBy(2);
        return next.compareTo(maxProbe) > 0 ? maxProbe : next;
    }
}
