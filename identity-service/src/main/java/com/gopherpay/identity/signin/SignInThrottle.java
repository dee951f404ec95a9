package com.gopherpay.identity.signin;

import static com.gopherpay.identity.sql.Timestamps.at;

import com.gopherpay.identity.crypto.Sha256;
import com.gopherpay.identity.sql.Timestamps;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code sign_in_throttle} table: failed attempts per address (by the SHA-256 of its canonical form), counted
 * before the password is checked, so however many requests race, no more hashes run than the delays allow. Other
 * features that check an account's password (an email change) count their attempts here too, so guesses through them
 * share the sign-in delays.
 */
@Repository
public class SignInThrottle {

    /** 2^30 × any base delay is beyond every cap; keeps power() far from overflowing. */
    private static final int MAX_EXPONENT = 30;

    private final JdbcClient jdbc;
    private final SignInProperties properties;

    SignInThrottle(JdbcClient jdbc, SignInProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * Counts an attempt on {@code account} if the delay since its previous attempt has passed; otherwise returns how
     * long the caller has to wait.
     */
    public Optional<Duration> reserveAttempt(String account, Instant now) {
        byte[] key = key(account);
        Instant forgetBefore = now.minus(properties.forgetAfter());
        boolean reserved = jdbc.sql("INSERT INTO sign_in_throttle AS t (account_key, failures, last_attempt_at)"
                        + " VALUES (:key, 1, :now) ON CONFLICT (account_key) DO UPDATE SET"
                        + " failures = CASE WHEN t.last_attempt_at <= :forgetBefore THEN 1"
                        + " ELSE t.failures + 1 END, last_attempt_at = :now"
                        + " WHERE t.last_attempt_at <= :forgetBefore OR t.failures < :free"
                        + " OR t.last_attempt_at + make_interval(secs => least(:base * power(2,"
                        + " least(t.failures - :free, :maxExponent)), :max)) <= :now"
                        + " RETURNING failures")
                .param("key", key)
                .param("now", at(now))
                .param("forgetBefore", at(forgetBefore))
                .param("free", properties.freeAttempts())
                .param("base", seconds(properties.baseDelay()))
                .param("max", seconds(properties.maxDelay()))
                .param("maxExponent", MAX_EXPONENT)
                .query(Integer.class)
                .optional()
                .isPresent();
        if (reserved) {
            return Optional.empty();
        }
        return Optional.of(jdbc.sql("SELECT failures, last_attempt_at FROM sign_in_throttle WHERE account_key = ?")
                .param(key)
                .query((rs, row) -> waitFor(rs.getInt(1), Timestamps.instant(rs, 2), now))
                .optional()
                .orElse(Duration.ofSeconds(1)));
    }

    /** How long until the next attempt after {@code failures} counted ones, the last at {@code last}; whole seconds. */
    private Duration waitFor(int failures, Instant last, Instant now) {
        int exponent = Math.min(Math.max(failures - properties.freeAttempts(), 0), MAX_EXPONENT);
        double delaySeconds =
                Math.min(seconds(properties.baseDelay()) * Math.pow(2, exponent), seconds(properties.maxDelay()));
        long millis = Duration.between(now, last.plusMillis((long) (delaySeconds * 1000)))
                .toMillis();
        return Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
    }

    /** After a successful sign-in: the address starts afresh. */
    public void reset(String account) {
        jdbc.sql("DELETE FROM sign_in_throttle WHERE account_key = ?")
                .param(key(account))
                .update();
    }

    /** Gives back an attempt whose password could not be checked (no hashing slot): it was not a guess. */
    public void refund(String account) {
        jdbc.sql("UPDATE sign_in_throttle SET failures = failures - 1 WHERE account_key = ? AND failures > 0")
                .param(key(account))
                .update();
    }

    /** Deletes up to {@code limit} counts of addresses with no attempt since {@code before}; returns how many. */
    int deleteForgotten(Instant before, int limit) {
        return jdbc.sql("DELETE FROM sign_in_throttle WHERE account_key IN (SELECT account_key FROM sign_in_throttle"
                        + " WHERE last_attempt_at <= ? LIMIT ?)")
                .params(at(before), limit)
                .update();
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static byte[] key(String account) {
        return Sha256.of(account);
    }
}
