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
 * The two HTML pages of the identity service. They are static files whose scripts call the JSON API; these mappings
 * give them their public addresses.
 */
@Controller
class Pages {

    private static final Resource REGISTRATION = new ClassPathResource("static/index.html");
    private static final Resource VERIFICATION = new ClassPathResource("static/verify-email.html");
    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    /** The registration form. */
    @GetMapping("/")
    ResponseEntity<Resource> registration() {
        return ResponseEntity.ok().contentType(HTML).body(REGISTRATION);
    }

    /**
     * The target of the link in the verification email. A GET only serves the "Confirm your email" page and changes
     * nothing, because mail scanners fetch links before people click them; the page's button POSTs the token.
     */
    @GetMapping({"/verify-email", "/verify-email/"})
    ResponseEntity<Resource> verification() {
        return ResponseEntity.ok()
                .contentType(HTML)
                .cacheControl(CacheControl.noStore())
                .body(VERIFICATION);
    }
}
