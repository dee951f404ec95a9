package com.gopherpay.identity.audit;

/**
 * What an audit row records. The stored value is {@link #code()}, which never changes once published (operators query
 * by it); each action documents its outcomes.
 */
public enum AuditAction {
    /** A new account; outcome {@code created}. */
    REGISTERED("registered"),
    /** A registration found the address taken; outcome {@code notice-queued}, {@code notice-cooling-down} or {@code revealed}. */
    REGISTRATION_DUPLICATE("registration.duplicate"),
    /** An email was queued for the account; outcome the workflow, e.g. {@code email-verification}. */
    EMAIL_QUEUED("email.queued"),
    /** An email was not sent; outcome why: {@code budget}, {@code cooldown}, {@code limit}. */
    EMAIL_SUPPRESSED("email.suppressed"),
    /** The address was verified; outcome {@code verified}. */
    EMAIL_VERIFIED("email.verified"),
    /** A verification attempt failed; outcome {@code expired}, {@code invalid}, {@code locked} or {@code password-incorrect}. */
    VERIFICATION_FAILED("verification.failed"),
    /** A resend was asked for; outcome {@code sent}, {@code cooldown}, {@code limit}, {@code budget} or {@code not-pending}. */
    VERIFICATION_RESEND("verification.resend"),
    /** A sign-in; outcome {@code success}, {@code invalid-credentials}, {@code not-verified} or {@code throttled}. */
    SIGN_IN("sign-in"),
    /** A password reset was asked for; outcome {@code sent}, {@code cooldown}, {@code limit} or {@code budget}. */
    PASSWORD_RESET_REQUESTED("password-reset.requested"),
    /** A password reset with a token; outcome {@code completed}, {@code expired} or {@code invalid}. */
    PASSWORD_RESET("password-reset"),
    /** The password was replaced by its owner; outcome {@code changed}. */
    PASSWORD_CHANGED("password.changed"),
    /** An email change; outcome {@code requested}, {@code confirmed}, {@code cancelled} or {@code conflict}. */
    EMAIL_CHANGE("email-change"),
    /** A request was refused by a rate limit; outcome the limit's name. */
    RATE_LIMITED("rate-limited"),
    /** The account was deleted; outcome the reason ({@code never-verified}, {@code operator}). */
    DELETED("deleted"),
    /** An operator acted through the admin API; outcome what they did. */
    OPERATOR("operator");

    private final String code;

    AuditAction(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }
}
