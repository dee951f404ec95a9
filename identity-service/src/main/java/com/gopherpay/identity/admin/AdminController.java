package com.gopherpay.identity.admin;

import com.gopherpay.identity.audit.AuditAction;
import com.gopherpay.identity.audit.AuditEvent;
import com.gopherpay.identity.audit.AuditTrail;
import com.gopherpay.identity.problem.FieldProblem;
import com.gopherpay.identity.problem.InvalidInput;
import com.gopherpay.identity.user.User;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The operator API (admin connector only, admin token required). */
@RestController
@Tag(name = "Operator")
class AdminController {

    private static final int MAX_PAGE = 500;

    private final OperatorActions actions;
    private final AuditTrail audit;

    AdminController(OperatorActions actions, AuditTrail audit) {
        this.actions = actions;
        this.audit = audit;
    }

    @GetMapping("/admin/users/pending")
    @Operation(summary = "Accounts still waiting for verification, created before a time; oldest first, keyset pages")
    PendingPage pending(
            @RequestParam(name = "createdBefore", required = false) String createdBefore,
            @RequestParam(name = "after", required = false) String after,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        Instant before = createdBefore == null ? null : instant("createdBefore", createdBefore);
        if (limit < 1 || limit > MAX_PAGE) {
            throw field("limit", "Use a limit from 1 to " + MAX_PAGE + ".");
        }
        Cursor cursor = after == null ? null : Cursor.parse(after);
        List<User> page = actions.pending(
                before, cursor == null ? null : cursor.createdAt(), cursor == null ? null : cursor.id(), limit);
        List<PendingAccount> items = page.stream()
                .map(u -> new PendingAccount(u.id(), u.email(), u.fullName(), u.createdAt()))
                .toList();
        String next = page.size() < limit
                ? null
                : new Cursor(
                                page.get(page.size() - 1).createdAt(),
                                page.get(page.size() - 1).id())
                        .encode();
        return new PendingPage(items, next);
    }

    @PostMapping("/admin/users/{id}/verification-email")
    @Operation(summary = "Send a new verification email on the person's behalf, under the same rules as their own")
    ResponseEntity<ResendOutcome> resend(@PathVariable("id") UUID id) {
        String outcome = actions.resend(id);
        return ResponseEntity.status("sent".equals(outcome) ? HttpStatus.ACCEPTED : HttpStatus.OK)
                .body(new ResendOutcome(outcome));
    }

    @PostMapping("/admin/users/{id}/verify")
    @Operation(summary = "Mark the account's address verified (for example after checking it by other means)")
    AccountState verify(@PathVariable("id") UUID id) {
        User user = actions.markVerified(id);
        return new AccountState(user.id(), user.email(), user.status().name(), user.emailVerifiedAt());
    }

    @DeleteMapping("/admin/users/{id}")
    @Operation(summary = "Delete the account with its settings, sessions and tokens; its address is free again")
    ResponseEntity<Void> delete(@PathVariable("id") UUID id) {
        actions.delete(id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/admin/users/{id}/audit-events")
    @Operation(summary = "The account's audit trail, newest first")
    List<AuditEvent> auditEvents(
            @PathVariable("id") UUID id,
            @RequestParam(name = "before", required = false) String before,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (limit < 1 || limit > MAX_PAGE) {
            throw field("limit", "Use a limit from 1 to " + MAX_PAGE + ".");
        }
        audit.record(AuditAction.OPERATOR, "read-audit-events", id, null);
        return audit.forUser(id, before == null ? null : instant("before", before), limit);
    }

    private static Instant instant(String field, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw field(field, "Use an RFC 3339 time in UTC, such as 2026-01-31T12:00:00Z.");
        }
    }

    private static InvalidInput field(String field, String message) {
        return new InvalidInput(List.of(new FieldProblem(field, message)));
    }

    record PendingAccount(UUID id, String email, String fullName, Instant createdAt) {}

    /** @param next the {@code after} value of the next page, or null on the last one */
    record PendingPage(List<PendingAccount> items, String next) {}

    record ResendOutcome(String outcome) {}

    record AccountState(UUID id, String email, String status, Instant emailVerifiedAt) {}

    /** Where a page ended: opaque to clients (base64url of "time|id"). */
    record Cursor(Instant createdAt, UUID id) {
        String encode() {
            return Base64.getUrlEncoder().withoutPadding().encodeToString((createdAt + "|" + id).getBytes());
        }

        static Cursor parse(String value) {
            try {
                String decoded = new String(Base64.getUrlDecoder().decode(value));
                int bar = decoded.indexOf('|');
                return new Cursor(
                        Instant.parse(decoded.substring(0, bar)), UUID.fromString(decoded.substring(bar + 1)));
            } catch (IllegalArgumentException | DateTimeParseException | StringIndexOutOfBoundsException e) {
                throw field("after", "Pass the next value of the previous page unchanged.");
            }
        }
    }
}
