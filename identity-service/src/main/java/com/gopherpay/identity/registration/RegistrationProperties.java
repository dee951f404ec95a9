package com.gopherpay.identity.registration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Registration behaviour.
 *
 * @param revealExistingAccounts true: a registered email gets 409; false: it gets the same 201 answer as a new
 *     account (same body, headers and work: the password is hashed all the same), and the account owner gets an
 *     "account already exists" email instead
 */
@ConfigurationProperties("identity.registration")
public record RegistrationProperties(@DefaultValue("true") boolean revealExistingAccounts) {}
