package com.gopherpay.identity.account;

import static com.gopherpay.identity.sql.Timestamps.at;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code user_settings} table as the account owner sees and changes it. */
@Repository
class AccountSettings {

    private final JdbcClient jdbc;

    AccountSettings(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Settings> find(UUID userId) {
        return jdbc.sql("SELECT locale, time_zone, marketing_opt_in FROM user_settings WHERE user_id = ?")
                .param(userId)
                .query((rs, row) -> new Settings(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .optional();
    }

    /** Sets the given settings (null ones stay as they are); returns the settings as they are now. */
    Optional<Settings> update(UUID userId, String locale, String timeZone, Boolean marketingOptIn, Instant now) {
        return jdbc.sql("UPDATE user_settings SET locale = coalesce(?, locale), time_zone = coalesce(?, time_zone),"
                        + " marketing_opt_in = coalesce(?, marketing_opt_in), updated_at = ? WHERE user_id = ?"
                        + " RETURNING locale, time_zone, marketing_opt_in")
                .params(locale, timeZone, marketingOptIn, at(now), userId)
                .query((rs, row) -> new Settings(rs.getString(1), rs.getString(2), rs.getBoolean(3)))
                .optional();
    }

    /**
     * The settings a person can change.
     *
     * @param locale BCP 47 language tag
     * @param timeZone IANA time zone id
     * @param marketingOptIn whether they agreed to marketing email
     */
    record Settings(String locale, String timeZone, boolean marketingOptIn) {}
}
