package com.gopherpay.identity.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Every {@code /admin} request must carry the admin token. The comparison is of SHA-256 digests with {@link
 * MessageDigest#isEqual}, so its time tells nothing about the token, not even its length.
 */
@Configuration(proxyBeanMethods = false)
class AdminAuthentication implements HandlerInterceptor, WebMvcConfigurer {

    private static final String BEARER = "Bearer ";

    private final byte[] expected;

    AdminAuthentication(AdminProperties properties) {
        this.expected = properties.enabled() ? sha256(properties.token().strip()) : null;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/admin/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean presented = authorization != null
                && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && authorization.length() <= 1024;
        byte[] given =
                sha256(presented ? authorization.substring(BEARER.length()).strip() : "");
        if (expected == null || !presented || !MessageDigest.isEqual(expected, given)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gopherpay-identity-admin\"");
            throw new AdminUnauthorized();
        }
        return true;
    }

    private static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java platform has SHA-256", e);
        }
    }
}
