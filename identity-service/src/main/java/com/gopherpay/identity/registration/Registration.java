package com.gopherpay.identity.registration;

import com.gopherpay.identity.user.User;
import java.time.Instant;

/**
 * What a registration answers with.
 *
 * @param user the new account (or, with hidden duplicates, a look-alike that is never stored)
 * @param locale the account's locale
 * @param timeZone the account's time zone
 * @param verificationExpiresAt when the emailed verification link stops working
 */
record Registration(User user, String locale, String timeZone, Instant verificationExpiresAt) {}
