package com.gopherpay.notification.idempotency;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Deletes idempotency records past their TTL, so the table holds about one day of keys. */
@Component
class IdempotencyJanitor {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyJanitor.class);

    private final IdempotencyRecords records;
    private final Clock clock;

    IdempotencyJanitor(IdempotencyRecords records, Clock clock) {
        this.records = records;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "PT10M", initialDelayString = "PT1M")
    void deleteExpired() {
        int deleted = records.deleteExpired(clock.instant());
        if (deleted > 0) {
            log.debug("Deleted {} expired idempotency records", deleted);
        }
    }
}
