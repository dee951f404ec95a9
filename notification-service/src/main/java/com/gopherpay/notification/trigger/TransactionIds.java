package com.gopherpay.notification.trigger;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.springframework.stereotype.Component;

/** Generates Novu-style transaction ids ({@code txn_} and an ObjectId-like 24 hex digits) for triggers without one. */
@Component
class TransactionIds {

    private final Clock clock;
    private final SecureRandom random;

    TransactionIds(Clock clock, SecureRandom random) {
        this.clock = clock;
        this.random = random;
    }

    String next() {
        // Like a MongoDB ObjectId: 4 bytes of seconds (so ids sort by time), then 8 random bytes.
        byte[] id = new byte[12];
        long seconds = clock.instant().getEpochSecond();
        id[0] = (byte) (seconds >>> 24);
        id[1] = (byte) (seconds >>> 16);
        id[2] = (byte) (seconds >>> 8);
        id[3] = (byte) seconds;
        byte[] rest = new byte[8];
        random.nextBytes(rest);
        System.arraycopy(rest, 0, id, 4, 8);
        return "txn_" + HexFormat.of().formatHex(id);
    }
}
