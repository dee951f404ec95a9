package com.gopherpay.notification.web;

import com.gopherpay.notification.NotificationProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the body of an authenticated API request, at most {@code notification.max-body-size} of it (413 beyond,
 * whether or not the length was declared), so idempotency can hash it and controllers parse it. It runs after
 * authentication so that an unauthenticated client cannot make the service hold a body in memory.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 25)
class RequestBodyBufferingFilter extends OncePerRequestFilter {

    private final int limit;
    private final NovuErrors errors;

    RequestBodyBufferingFilter(NotificationProperties properties, NovuErrors errors) {
        this.limit = (int) Math.min(properties.maxBodySize().toBytes(), Integer.MAX_VALUE - 16);
        this.errors = errors;
    }

    static boolean hasApiBody(HttpServletRequest request) {
        String method = request.getMethod();
        return request.getRequestURI().startsWith("/v1/")
                && ("POST".equals(method) || "PATCH".equals(method) || "PUT".equals(method));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !hasApiBody(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        // One byte more than allowed tells "too large" apart without reading the rest of an oversized body.
        byte[] body = request.getInputStream().readNBytes(limit + 1);
        if (body.length > limit) {
            errors.write(RequestBodyLimitFilter.tooLarge(), request, response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }
}
