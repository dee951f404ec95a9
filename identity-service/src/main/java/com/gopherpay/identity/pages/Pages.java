package com.gopherpay.identity.pages;

import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The HTML pages of the identity service. They are static files whose scripts call the JSON API; these mappings give
 * them their public addresses. None of them changes anything when fetched: mail scanners and prefetchers open links,
 * so every change is a POST from a form the person submits.
 */
@Controller
class Pages {

    private static final Resource REGISTRATION = new ClassPathResource("static/index.html");
    private static final Resource VERIFICATION = new ClassPathResource("static/verify-email.html");
    private static final Resource SIGN_IN = new ClassPathResource("static/login.html");
    private static final Resource FORGOT_PASSWORD = new ClassPathResource("static/forgot-password.html");
    private static final Resource RESET_PASSWORD = new ClassPathResource("static/reset-password.html");
    private static final Resource ACCOUNT = new ClassPathResource("static/account.html");
    private static final Resource CONFIRM_EMAIL_CHANGE = new ClassPathResource("static/confirm-email-change.html");
    private static final Resource CANCEL_EMAIL_CHANGE = new ClassPathResource("static/cancel-email-change.html");
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    /** The registration form. */
    @GetMapping("/")
    ResponseEntity<Resource> registration() {
        return page(REGISTRATION);
    }

    /**
     * The target of the link in the verification email. A GET only serves the "Confirm your email" page and changes
     * nothing, because mail scanners fetch links before people click them; the page's button POSTs the token.
     */
    @GetMapping({"/verify-email", "/verify-email/"})
    ResponseEntity<Resource> verification() {
        return tokenPage(VERIFICATION);
    }

    /** The sign-in form. */
    @GetMapping({"/login", "/login/"})
    ResponseEntity<Resource> signIn() {
        return page(SIGN_IN);
    }

    /** Asks for the address to send a password-reset link to. */
    @GetMapping({"/forgot-password", "/forgot-password/"})
    ResponseEntity<Resource> forgotPassword() {
        return page(FORGOT_PASSWORD);
    }

    /**
     * The target of the link in the password-reset email: the form for the new password. Like the verification page,
     * a GET neither checks nor uses the token; the form POSTs it with the new password.
     */
    @GetMapping({"/reset-password", "/reset-password/"})
    ResponseEntity<Resource> resetPassword() {
        return tokenPage(RESET_PASSWORD);
    }

    /**
     * The signed-in person's profile and settings; the page's script fetches them with its access token from
     * {@code GET /account}, the API at the same address. Only a request that names HTML in {@code Accept} (a browser
     * opening the page) gets the page; one without {@code Accept}, or asking for JSON, reaches the API.
     */
    @GetMapping(
            path = {"/account", "/account/"},
            produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<Resource> account() {
        return page(ACCOUNT);
    }

    /**
     * The target of the link an email change sends to the new address. A GET changes nothing; the page's button POSTs
     * the token to {@code /account/email/confirm}.
     */
    @GetMapping({"/confirm-email-change", "/confirm-email-change/"})
    ResponseEntity<Resource> confirmEmailChange() {
        return tokenPage(CONFIRM_EMAIL_CHANGE);
    }

    /**
     * The target of the link an email change sends to the current address. A GET changes nothing; the page's button
     * POSTs the token to {@code /account/email/cancel}.
     */
    @GetMapping({"/cancel-email-change", "/cancel-email-change/"})
    ResponseEntity<Resource> cancelEmailChange() {
        return tokenPage(CANCEL_EMAIL_CHANGE);
    }

    private static ResponseEntity<Resource> page(Resource html) {
        return ResponseEntity.ok().contentType(HTML).body(html);
    }

    /** A page reached through a one-time token in its URL: kept in no cache, so neither it nor its URL lingers. */
    private static ResponseEntity<Resource> tokenPage(Resource html) {
        return ResponseEntity.ok()
                .contentType(HTML)
                .cacheControl(CacheControl.noStore())
                .body(html);
    }
}
