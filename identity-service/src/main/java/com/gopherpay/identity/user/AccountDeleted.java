package com.gopherpay.identity.user;

import java.time.Instant;

/**
 * Published inside the transaction that deleted an account, after the delete. Listeners act in the same transaction.
 *
 * @param user the account as it was
 * @param deletedAt when it was deleted
 * @param reason why, as a stable word: {@code never-verified} (the cleanup job) or {@code operator}
 */
public record AccountDeleted(User user, Instant deletedAt, String reason) {

    /** The cleanup job removed an account whose address was never verified. */
    public static final String NEVER_VERIFIED = "never-verified";

    /** An operator deleted it through the admin API. */
    public static final String OPERATOR = "operator";
}
