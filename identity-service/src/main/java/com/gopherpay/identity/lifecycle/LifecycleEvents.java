package com.gopherpay.identity.lifecycle;

import com.gopherpay.identity.outbox.Outbox;
import com.gopherpay.identity.user.AccountDeleted;
import com.gopherpay.identity.user.AccountRegistered;
import com.gopherpay.identity.user.EmailChanged;
import com.gopherpay.identity.user.EmailVerified;
import com.gopherpay.identity.user.PasswordChanged;
import com.gopherpay.identity.user.Users;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.util.IdGenerator;

/**
 * Queues a lifecycle event for every account state change, in the transaction that made the change (the domain events
 * are published synchronously inside it): the event reaches Kafka exactly when the change is committed, at least
 * once, in order per user.
 */
@Component
class LifecycleEvents {

    private final Outbox outbox;
    private final CloudEventRecords records;
    private final Users users;
    private final IdGenerator ids;

    LifecycleEvents(Outbox outbox, CloudEventRecords records, Users users, IdGenerator ids) {
        this.outbox = outbox;
        this.records = records;
        this.users = users;
        this.ids = ids;
    }

    @EventListener
    void on(AccountRegistered registered) {
        var user = registered.user();
        queue(new IdentityEvent.Registered(user.id(), user.email(), user.createdAt()));
    }

    @EventListener
    void on(EmailVerified verified) {
        var user = verified.user();
        queue(new IdentityEvent.EmailVerified(user.id(), user.email(), user.emailVerifiedAt()));
    }

    @EventListener
    void on(PasswordChanged changed) {
        users.find(changed.userId())
                .ifPresent(
                        user -> queue(new IdentityEvent.PasswordChanged(user.id(), user.email(), changed.changedAt())));
    }

    @EventListener
    void on(EmailChanged changed) {
        var user = changed.user();
        queue(new IdentityEvent.EmailChanged(user.id(), changed.previousEmail(), user.email(), changed.changedAt()));
    }

    @EventListener
    void on(AccountDeleted deleted) {
        var user = deleted.user();
        queue(new IdentityEvent.Deleted(user.id(), user.email(), deleted.deletedAt(), deleted.reason()));
    }

    private void queue(IdentityEvent event) {
        outbox.append(records.toRecord(ids.generateId(), event));
    }
}
