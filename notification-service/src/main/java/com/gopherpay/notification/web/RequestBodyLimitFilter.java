package com.gopherpay.notification.web;

import com.gopherpay.notification.NotificationProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Answers 413 to an API request that declares a body over {@code notification.max-body-size}, before
 * authentication, as Novu's body parser does. It reads nothing: bodies are read only after authentication, by
 * {@link RequestBodyBufferingFilter}, which also enforces the limit on bodies of undeclared length (chunked).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestBodyLimitFilter extends OncePerRequestFilter {

    private final long limit;
    private final NovuErrors errors;

    RequestBodyLimitFilter(NotificationProperties properties, NovuErrors errors) {
        this.limit = properties.maxBodySize().toBytes();
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !RequestBodyBufferingFilter.hasApiBody(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            errors.write(tooLarge(), request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    static ApiError tooLarge() {
        return ApiError.http(HttpStatus.CONTENT_TOO_LARGE, "request entity too large");
    }
}
