package com.gopherpay.identity.admin;

import com.gopherpay.identity.audit.AuditAction;
import com.gopherpay.identity.audit.AuditTrail;
import com.gopherpay.identity.user.AccountDeleted;
import com.gopherpay.identity.user.EmailVerified;
import com.gopherpay.identity.user.User;
import com.gopherpay.identity.user.UserStatus;
import com.gopherpay.identity.user.Users;
import com.gopherpay.identity.verification.OperatorResend;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an operator can do to an account. Every action is audited as {@code operator} and changes state through the
 * same domain events as the person's own actions, so lifecycle events and audit rows follow.
 */
@Service
class OperatorActions {

    private final Users users;
    private final OperatorResend resends;
    private final AuditTrail audit;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    OperatorActions(
            Users users,
            OperatorResend resends,
            AuditTrail audit,
            ApplicationEventPublisher events,
            TransactionTemplate transactions,
            Clock clock) {
        this.users = users;
        this.resends = resends;
        this.audit = audit;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** {@code createdBefore} null: now. */
    List<User> pending(Instant createdBefore, Instant afterCreatedAt, UUID afterId, int limit) {
        return users.pendingCreatedBefore(
                createdBefore == null ? clock.instant() : createdBefore, afterCreatedAt, afterId, limit);
    }

    String resend(UUID id) {
        User user = users.find(id).orElseThrow(AccountNotFound::new);
        String outcome = resends.resend(user);
        audit.record(AuditAction.OPERATOR, "resend:" + outcome, id, null);
        return outcome;
    }

    User markVerified(UUID id) {
        return transactions.execute(status -> {
            User user = users.lock(id).orElseThrow(AccountNotFound::new);
            if (user.status() == UserStatus.ACTIVE) {
                return user;
            }
            User active = users.activate(user, now());
            events.publishEvent(new EmailVerified(active));
            audit.record(AuditAction.OPERATOR, "mark-verified", id, null);
            return active;
        });
    }

    void delete(UUID id) {
        transactions.executeWithoutResult(status -> {
            User user = users.lock(id).orElseThrow(AccountNotFound::new);
            users.delete(id);
            events.publishEvent(new AccountDeleted(user, now(), AccountDeleted.OPERATOR));
            audit.record(AuditAction.OPERATOR, "delete", id, null);
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
