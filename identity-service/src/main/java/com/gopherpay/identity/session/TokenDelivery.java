package com.gopherpay.identity.session;

import com.gopherpay.identity.config.IdentityProperties;
import com.gopherpay.identity.crypto.SecretTokens;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

/**
 * How token answers reach the client. API clients get the refresh token in the body. Browsers (request header
 * {@code Refresh-Token-Delivery: cookie}) get it in the {@code HttpOnly} cookie {@code gp_refresh}, sent only to
 * {@code /auth/token/*}, plus a script-readable random {@code gp_csrf} cookie: a request authenticated by the cookie must
 * repeat that value in {@code X-CSRF-Token} (double submit; another site can neither read it nor set the header), and
 * must not carry a foreign {@code Origin}. Both cookies are {@code SameSite=Strict}, and {@code Secure} except over plain
 * http to a loopback host (local development).
 */
@Component
public class TokenDelivery {

    static final String DELIVERY_HEADER = "Refresh-Token-Delivery";
    static final String REFRESH_COOKIE = "gp_refresh";
    static final String CSRF_COOKIE = "gp_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    static final String REFRESH_PATH = "/auth/token";

    private final SecretTokens secretTokens;
    private final String publicOrigin;

    TokenDelivery(SecretTokens secretTokens, IdentityProperties identity) {
        this.secretTokens = secretTokens;
        this.publicOrigin = origin(identity.publicBaseUrl());
    }

    /** Whether the client asked for the refresh token as a cookie. */
    public boolean wantsCookie(HttpServletRequest request) {
        return "cookie".equalsIgnoreCase(strip(request.getHeader(DELIVERY_HEADER)));
    }

    /** The 200 answer with {@code tokens}: in the body, or the refresh token as cookies when {@code asCookie}. */
    public ResponseEntity<TokenResponse> deliver(
            SessionTokens tokens, boolean asCookie, HttpServletRequest request, HttpServletResponse response) {
        if (asCookie) {
            boolean secure = secure(request);
            long maxAge = tokens.refreshTokenLifetime().toSeconds();
            addCookie(response, refreshCookie(tokens.refreshToken(), maxAge, secure));
            addCookie(response, csrfCookie(newCsrfValue(), maxAge, secure));
        }
        TokenResponse body = new TokenResponse(
                tokens.accessToken().value(),
                "Bearer",
                tokens.accessToken().expiresIn().toSeconds(),
                asCookie ? null : tokens.refreshToken());
        return ResponseEntity.ok()
                .cacheControl(CacheControl.noStore())
                .header(HttpHeaders.PRAGMA, "no-cache")
                .body(body);
    }

    /** The refresh token from the {@code gp_refresh} cookie, if the request carries one. */
    Optional<String> cookieToken(HttpServletRequest request) {
        return cookie(request, REFRESH_COOKIE).filter(value -> !value.isEmpty());
    }

    /**
     * Refuses a cookie-authenticated request that does not repeat the {@code gp_csrf} cookie in {@code X-CSRF-Token}
     * (compared in constant time) or whose {@code Origin} is not this service's public origin.
     *
     * @throws CsrfCheckFailed when either check fails
     */
    void checkCsrf(HttpServletRequest request) {
        String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin != null && !origin.equalsIgnoreCase(publicOrigin)) {
            throw new CsrfCheckFailed();
        }
        String header = request.getHeader(CSRF_HEADER);
        String cookie = cookie(request, CSRF_COOKIE).orElse(null);
        if (header == null || cookie == null || cookie.isEmpty()) {
            throw new CsrfCheckFailed();
        }
        if (!MessageDigest.isEqual(header.getBytes(StandardCharsets.UTF_8), cookie.getBytes(StandardCharsets.UTF_8))) {
            throw new CsrfCheckFailed();
        }
    }

    /** Expires both cookies in the browser. */
    void clearCookies(HttpServletRequest request, HttpServletResponse response) {
        boolean secure = secure(request);
        addCookie(response, refreshCookie("", 0, secure));
        addCookie(response, csrfCookie("", 0, secure));
    }

    private static ResponseCookie refreshCookie(String value, long maxAge, boolean secure) {
        return ResponseCookie.from(REFRESH_COOKIE, value)
                .path(REFRESH_PATH)
                .httpOnly(true)
                .sameSite("Strict")
                .secure(secure)
                .maxAge(Duration.ofSeconds(maxAge))
                .build();
    }

    private static ResponseCookie csrfCookie(String value, long maxAge, boolean secure) {
        return ResponseCookie.from(CSRF_COOKIE, value)
                .path("/")
                .sameSite("Strict")
                .secure(secure)
                .maxAge(Duration.ofSeconds(maxAge))
                .build();
    }

    private static void addCookie(HttpServletResponse response, ResponseCookie cookie) {
        response.addHeader(HttpHeaders.SET_COOKIE, cookie.toString());
    }

    private String newCsrfValue() {
        return secretTokens.next();
    }

    /** Secure unless the request came over plain http to a loopback host, where browsers would drop a Secure cookie. */
    private static boolean secure(HttpServletRequest request) {
        if (request.isSecure()) {
            return true;
        }
        String host =
                request.getServerName() == null ? "" : request.getServerName().toLowerCase(Locale.ROOT);
        boolean loopback = host.equals("localhost")
                || host.endsWith(".localhost")
                || host.startsWith("127.")
                || host.equals("::1")
                || host.equals("[::1]");
        return !loopback;
    }

    private static Optional<String> cookie(HttpServletRequest request, String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return Optional.empty();
        }
        for (Cookie cookie : cookies) {
            if (name.equals(cookie.getName())) {
                return Optional.ofNullable(cookie.getValue());
            }
        }
        return Optional.empty();
    }

    /** The RFC 6454 origin browsers send: scheme, host, and the port only when it is not the scheme's default. */
    private static String origin(URI base) {
        String scheme = base.getScheme().toLowerCase(Locale.ROOT);
        int port = base.getPort();
        boolean defaultPort =
                port < 0 || (scheme.equals("https") && port == 443) || (scheme.equals("http") && port == 80);
        return scheme + "://" + base.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }
}
