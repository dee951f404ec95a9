package com.gopherpay.identity.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Applies the limits to the endpoints that create accounts, send email or check a token (and, with the password on
 * verification, hash). As an interceptor (not a filter) its {@link RateLimited} goes through the same problem+json
 * handler as every other error, and it runs only for requests mapped to those endpoints, however the path is spelled.
 */
@Configuration(proxyBeanMethods = false)
class RateLimitInterceptor implements HandlerInterceptor, WebMvcConfigurer {

    private final ClientRateLimiter limiter;

    RateLimitInterceptor(ClientRateLimiter limiter) {
        this.limiter = limiter;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this)
                .addPathPatterns(
                        "/auth/register",
                        "/auth/verify-email",
                        "/auth/verify-email/resend",
                        "/auth/login",
                        "/auth/token/refresh",
                        "/auth/token/revoke",
                        "/auth/logout",
                        "/auth/password/forgot",
                        "/auth/password/reset",
                        "/account/email",
                        "/account/email/confirm",
                        "/account/email/cancel");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        String client = request.getRemoteAddr();
        switch (request.getServletPath()) {
            case "/auth/register" -> limiter.acquireRegistration(client);
            case "/auth/verify-email" -> limiter.acquireVerification(client);
            case "/auth/verify-email/resend" -> limiter.acquireResend(client);
            case "/auth/login" -> limiter.acquireSignIn(client);
            case "/auth/password/forgot" -> limiter.acquirePasswordForgot(client);
            case "/auth/password/reset" -> limiter.acquirePasswordReset(client);
            case "/account/email" -> limiter.acquireEmailChange(client);
            case "/account/email/confirm", "/account/email/cancel" -> limiter.acquireEmailChangeToken(client);
            default -> limiter.acquireToken(client);
        }
        return true;
    }
}
