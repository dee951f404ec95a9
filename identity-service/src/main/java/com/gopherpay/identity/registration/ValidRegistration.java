package com.gopherpay.identity.registration;

import com.gopherpay.identity.user.EmailAddress;

/** A registration that passed every rule, normalised (NFKC, trimmed) and ready to store. */
record ValidRegistration(EmailAddress email, String password, String fullName, String locale, String timeZone) {

    @Override
    public String toString() {
        return "ValidRegistration[email=" + email.value() + "]";
    }
}
