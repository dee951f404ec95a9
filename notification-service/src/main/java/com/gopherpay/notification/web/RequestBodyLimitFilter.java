package com.gopherpay.notification.web;

import com.gopherpay.notification.NotificationProperties;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Buffers API request bodies up to {@code notification.max-body-size} and answers 413 beyond it, before
 * authentication, as Novu's body parser does. The buffered body is what idempotency hashes and controllers parse.
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
        String method = request.getMethod();
        return !request.getRequestURI().startsWith("/v1/")
                || !("POST".equals(method) || "PATCH".equals(method) || "PUT".equals(method));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > limit) {
            errors.write(tooLarge(), request, response);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), limit + 1);
        if (body.length > limit) {
            errors.write(tooLarge(), request, response);
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static ApiError tooLarge() {
        return ApiError.http(HttpStatus.CONTENT_TOO_LARGE, "request entity too large");
    }

    private static byte[] readAtMost(InputStream in, long max) throws IOException {
        return in.readNBytes((int) Math.min(max, Integer.MAX_VALUE - 8));
    }
}
