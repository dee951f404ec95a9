package com.gopherpay.identity.user;

/**
 * An account and its Argon2id PHC string, as a sign-in reads them in one query.
 *
 * @param user the account
 * @param passwordHash its PHC string; only ever verified, never logged or returned
 */
public record StoredCredentials(User user, String passwordHash) {

    @Override
    public String toString() {
        return "StoredCredentials[user=" + user.id() + "]"; // never the hash in a log line
    }
}
