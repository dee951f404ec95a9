package com.gopherpay.identity.audit;

import com.gopherpay.identity.user.AccountDeleted;
import com.gopherpay.identity.user.AccountRegistered;
import com.gopherpay.identity.user.EmailAddress;
import com.gopherpay.identity.user.EmailVerified;
import com.gopherpay.identity.user.PasswordChanged;
import com.gopherpay.identity.user.User;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Audits the account state changes from their domain events, in the transaction that made the change. */
@Component
class StateChangeAudit {

    private final AuditTrail trail;

    StateChangeAudit(AuditTrail trail) {
        this.trail = trail;
    }

    @EventListener
    void on(AccountRegistered registered) {
        trail.record(AuditAction.REGISTERED, "created", registered.user().id(), canonical(registered.user()));
    }

    @EventListener
    void on(EmailVerified verified) {
        trail.record(AuditAction.EMAIL_VERIFIED, "verified", verified.user().id(), canonical(verified.user()));
    }

    @EventListener
    void on(PasswordChanged changed) {
        trail.record(AuditAction.PASSWORD_CHANGED, "changed", changed.userId(), null);
    }

    @EventListener
    void on(AccountDeleted deleted) {
        trail.record(AuditAction.DELETED, deleted.reason(), deleted.user().id(), canonical(deleted.user()));
    }

    private static String canonical(User user) {
        return EmailAddress.parse(user.email()).map(EmailAddress::canonical).orElse(null);
    }
}
