package com.gopherpay.identity.recovery;

import com.gopherpay.identity.user.EmailChanged;
import com.gopherpay.identity.user.PasswordChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Voids the account's outstanding reset links whenever its password changes, however it changed (a reset, or a new
 * password set while confirming the address): a link asked for before the change must not undo it. Runs in the
 * transaction that stored the new hash, as {@link PasswordChanged} is published there.
 */
@Component
class ResetLinksOnPasswordChange {

    private final PasswordResetTokens tokens;

    ResetLinksOnPasswordChange(PasswordResetTokens tokens) {
        this.tokens = tokens;
    }

    @EventListener
    void passwordChanged(PasswordChanged event) {
        tokens.invalidateOutstanding(event.userId(), event.changedAt());
    }

    /** Reset links went to the previous address: once the account has a new one, that mailbox must not reset it. */
    @EventListener
    void emailChanged(EmailChanged event) {
        tokens.invalidateOutstanding(event.user().id(), event.changedAt());
    }
}
