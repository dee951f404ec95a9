package com.gopherpay.identity.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Browser security headers on every response of the identity service: pages, static assets, API answers and errors.
 * Our own pages need nothing but same-origin scripts, styles and fetches, so the policy is strict; only Swagger UI,
 * which injects inline styles and scripts, gets a relaxed policy on its own paths.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class SecurityHeaders extends OncePerRequestFilter {

    static final String STRICT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    // Swagger UI's bundle adds inline <style> elements and style attributes and springdoc's index page may carry an
    // inline initialiser; it still needs nothing from other origins.
    static final String SWAGGER_UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none';"
            + " base-uri 'self'; form-action 'self'; object-src 'none'";

    // None of these browser features is used by any page here; denying them limits what injected content could do.
    static final String PERMISSIONS_POLICY =
            "camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-read=(), browsing-topics=()";

    /**
     * A year, the usual preload-list floor. Sent only over HTTPS (RFC 6797 §7.2: browsers ignore it over HTTP), which
     * behind a TLS-terminating proxy means {@code X-Forwarded-Proto: https} from a trusted proxy.
     */
    static final String HSTS = "max-age=31536000; includeSubDomains";

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        response.setHeader("Content-Security-Policy", isSwaggerUi(path) ? SWAGGER_UI_POLICY : STRICT_POLICY);
        response.setHeader("X-Frame-Options", "DENY");
        response.setHeader("X-Content-Type-Options", "nosniff");
        // Verification and password-reset links carry a one-time token in the address bar: never pass it on in a
        // Referer header.
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Permissions-Policy", PERMISSIONS_POLICY);
        response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
        if (request.isSecure()) {
            response.setHeader("Strict-Transport-Security", HSTS);
        }
        if (isTokenPage(path)) {
            // The page is reached through a token URL; keep neither it nor its URL in shared or browser caches.
            response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
        }
        chain.doFilter(request, response);
    }

    private static boolean isSwaggerUi(String path) {
        return path.equals("/swagger-ui.html") || path.startsWith("/swagger-ui/") || path.startsWith("/v3/api-docs");
    }

    /**
     * The pages the verification, password-reset and email-change emails link to, under every address that serves
     * them.
     */
    private static boolean isTokenPage(String path) {
        return isPage(path, "/verify-email")
                || isPage(path, "/reset-password")
                || isPage(path, "/confirm-email-change")
                || isPage(path, "/cancel-email-change");
    }

    private static boolean isPage(String path, String page) {
        return path.equals(page) || path.equals(page + "/") || path.equals(page + ".html");
    }
}
