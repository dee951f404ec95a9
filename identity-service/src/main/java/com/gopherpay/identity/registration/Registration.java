package com.gopherpay.identity.registration;

import java.time.Instant;

/**
 * What a registration answers with. Built only from the request and the time of the answer, never from a stored
 * account, so a hidden duplicate's answer is the same as a new account's (see {@link RegistrationService}).
 *
 * @param email the address as stored and sent to (A-label domain)
 * @param fullName the name as stored
 * @param locale the account's locale
 * @param timeZone the account's time zone
 * @param verificationExpiresAt when the emailed verification link stops working, to the second
 */
record Registration(String email, String fullName, String locale, String timeZone, Instant verificationExpiresAt) {}
