package com.gopherpay.notification.web;

import com.gopherpay.notification.config.NotificationProperties;
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
 * The body cap ({@code notification.max-body-size}), first in the filter chain for every path, method and content
 * type. A declared {@code Content-Length} over the cap is answered 413 at once, before authentication and without
 * reading anything, as Novu's body parser does. Any other body is wrapped in a {@link CachedBodyRequest} that reads
 * it only when something asks for it (after authentication) and refuses it with 413 as soon as it passes the cap,
 * chunked or not. Nothing else reads bodies: Spring's form and multipart parsing and Tomcat's form parameter parsing
 * are switched off (application.properties, {@link TomcatHardening}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final int limit;
    private final NovuErrors errors;

    RequestBodyLimitFilter(NotificationProperties properties, NovuErrors errors) {
        this.limit = (int) Math.min(properties.maxBodySize().toBytes(), Integer.MAX_VALUE - 16);
        this.errors = errors;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            errors.write(CachedBodyRequest.tooLarge(), request, response);
            return;
        }
        try {
            chain.doFilter(new CachedBodyRequest(request, limit), response);
        } catch (ApiError error) {
            // A filter after this one read the body (through CachedBodyRequest) and it was too large or cut short.
            if (response.isCommitted()) {
                throw error;
            }
            response.reset();
            errors.write(error, request, response);
        }
    }
}
