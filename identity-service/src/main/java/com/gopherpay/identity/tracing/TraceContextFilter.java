package com.gopherpay.identity.tracing;

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
 * The web edge of {@link TraceContext} and {@link RequestOrigin}: takes a well-formed {@code traceparent} header off
 * the request and makes it the request thread's trace context while the request is handled, with the client's address
 * and user agent as its origin.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TraceContextFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RequestOrigin previous = RequestOrigin.current();
        RequestOrigin.set(new RequestOrigin(request.getRemoteAddr(), request.getHeader("User-Agent")));
        try (TraceContext.Scope scope = TraceContext.open(request.getHeader("traceparent"))) {
            chain.doFilter(request, response);
        } finally {
            RequestOrigin.set(previous);
        }
    }
}
