package com.gopherpay.notification.trigger;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * What a subscriber's {@code email} must be for the service to accept it: one plain RFC 5322 addr-spec
 * ({@code local@domain}, no display name, no group, no comments), printable ASCII only, at most 254 characters with a
 * local part of at most 64 (RFC 5321's limits), and a domain with at least one dot. Anything else would either break
 * the email's headers (a CR or LF in an address is header injection) or be refused by the SMTP server, only later
 * and after retries. The SMTP transport does not announce SMTPUTF8, so internationalised addresses are refused here
 * too: a domain must come in its ASCII (IDNA) form.
 */
final class EmailAddresses {

    static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL_PART = 64;

    private EmailAddresses() {}

    /** Why {@code email} can't be used, or null if it can. */
    static String problem(String email) {
        if (email.length() > MAX_LENGTH) {
            return "email must be shorter than or equal to " + MAX_LENGTH + " characters";
        }
        for (int i = 0; i < email.length(); i++) {
            char c = email.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                return "email must be an email address of printable ASCII characters without spaces";
            }
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at > MAX_LOCAL_PART || email.indexOf('.', at) < 0 || email.endsWith(".")) {
            return "email must be an email";
        }
        try {
            InternetAddress parsed = new InternetAddress(email, true);
            if (!email.equals(parsed.getAddress()) || parsed.getPersonal() != null || parsed.isGroup()) {
                return "email must be an email";
            }
        } catch (AddressException e) {
            return "email must be an email";
        }
        return null;
    }
}
