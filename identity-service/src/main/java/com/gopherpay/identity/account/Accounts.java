package com.gopherpay.identity.account;

import com.gopherpay.identity.token.InvalidAccessToken;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.UserStatus;
import com.gopherpay.identity.user.Users;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** Reads and changes the signed-in person's account. */
@Service
class Accounts {

    private final Users users;
    private final AccountSettings settings;
    private final TransactionTemplate transactions;
    private final Clock clock;

    Accounts(Users users, AccountSettings settings, TransactionTemplate transactions, Clock clock) {
        this.users = users;
        this.settings = settings;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The account; a valid token of an account that no longer exists is as good as none ({@link InvalidAccessToken}). */
    AccountView view(UUID userId) {
        User user = users.find(userId).orElseThrow(InvalidAccessToken::new);
        AccountSettings.Settings current = settings.find(userId).orElseThrow(InvalidAccessToken::new);
        return AccountView.of(user, current);
    }

    /** Applies the non-null settings. */
    AccountView updateSettings(UUID userId, String locale, String timeZone, Boolean marketingOptIn) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return transactions.execute(status -> {
            User user = users.find(userId).orElseThrow(InvalidAccessToken::new);
            AccountSettings.Settings updated = settings.update(userId, locale, timeZone, marketingOptIn, now)
                    .orElseThrow(InvalidAccessToken::new);
            return AccountView.of(user, updated);
        });
    }

    /**
     * The account as {@code GET /account} shows it.
     *
     * @param id the user id (the access token's {@code sub})
     * @param email the address as entered at registration
     * @param fullName the name given at registration
     * @param emailVerified whether the address is confirmed
     * @param createdAt when the account was registered
     * @param settings locale, time zone and marketing opt-in
     */
    record AccountView(
            UUID id, String email, String fullName, boolean emailVerified, Instant createdAt, SettingsView settings) {

        static AccountView of(User user, AccountSettings.Settings settings) {
            return new AccountView(
                    user.id(),
                    user.email(),
                    user.fullName(),
                    user.status() == UserStatus.ACTIVE,
                    user.createdAt(),
                    new SettingsView(settings.locale(), settings.timeZone(), settings.marketingOptIn()));
        }
    }

    record SettingsView(String locale, String timeZone, boolean marketingOptIn) {}
}
