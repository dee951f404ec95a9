package com.gopherpay.identity.registration;

/**
 * The registration form as sent. Every rule is checked by {@link RegistrationValidator}, which reports all failing
 * fields at once with messages meant for people.
 *
 * @param email the address to verify
 * @param password the new password
 * @param confirmPassword the password again
 * @param fullName the person's name as they want to be addressed
 * @param locale optional BCP 47 language tag; {@code Accept-Language} is the fallback
 * @param timeZone optional IANA time zone, e.g. {@code Europe/Berlin}
 */
record RegistrationRequest(
        String email, String password, String confirmPassword, String fullName, String locale, String timeZone) {

    @Override
    public String toString() {
        return "RegistrationRequest[email=" + email + "]"; // never the password in a log line
    }
}
