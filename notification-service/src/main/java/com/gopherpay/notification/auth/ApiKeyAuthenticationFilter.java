package com.gopherpay.notification.auth;

import com.gopherpay.notification.web.ApiError;
import com.gopherpay.notification.web.NovuErrors;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Novu's {@code Authorization: ApiKey <secret>} check, with Novu's 401 messages, for every request except the
 * public probes ({@code GET}/{@code HEAD} of {@link #UNAUTHENTICATED}). It runs before anything reads the body. The
 * exemption is decided by the servlet path, the one the container has decoded and normalised and stripped of path
 * parameters, which is also what the controllers are mapped by: no spelling of an API path ({@code /v1;x=1/messages},
 * {@code /%761/messages}, {@code /v1/./messages}) can look like a probe. On success the request carries the key's
 * environment id in {@link #ENVIRONMENT_ATTRIBUTE}.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    /** Request attribute holding the authenticated environment id. */
    public static final String ENVIRONMENT_ATTRIBUTE = "com.gopherpay.notification.environmentId";

    private final ApiKeys keys;
    private final NovuErrors errors;

    ApiKeyAuthenticationFilter(ApiKeys keys, NovuErrors errors) {
        this.keys = keys;
        this.errors = errors;
    }

    /** The probes on the public port (Spring Boot's health groups under additional paths); nothing else is open. */
    static final Set<String> UNAUTHENTICATED = Set.of("/livez", "/readyz");

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String method = request.getMethod();
        return ("GET".equals(method) || "HEAD".equals(method)) && UNAUTHENTICATED.contains(request.getServletPath());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.isEmpty()) {
            errors.write(ApiError.http(HttpStatus.UNAUTHORIZED, "Missing authorization header"), request, response);
            return;
        }
        String scheme = header.split(" ", 2)[0];
        // Novu also takes "Bearer" for its dashboard's JWTs; no such tokens exist here, so it is just another scheme.
        if (!"ApiKey".equals(scheme)) {
            errors.write(
                    ApiError.http(HttpStatus.UNAUTHORIZED, "Invalid authentication scheme: \"" + scheme + "\""),
                    request,
                    response);
            return;
        }
        Optional<String> environment = header.length() > scheme.length() + 1
                ? keys.environmentOf(header.substring(scheme.length() + 1).strip())
                : Optional.empty();
        if (environment.isEmpty()) {
            errors.write(ApiError.http(HttpStatus.UNAUTHORIZED, "Unauthorized"), request, response);
            return;
        }
        request.setAttribute(ENVIRONMENT_ATTRIBUTE, environment.get());
        chain.doFilter(request, response);
    }
}
