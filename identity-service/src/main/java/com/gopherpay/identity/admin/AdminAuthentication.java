package com.gopherpay.identity.admin;

import com.gopherpay.identity.crypto.Sha256;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.MessageDigest;
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
        this.expected = properties.enabled() ? Sha256.of(properties.token().strip()) : null;
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
                Sha256.of(presented ? authorization.substring(BEARER.length()).strip() : "");
        if (expected == null || !presented || !MessageDigest.isEqual(expected, given)) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"gopherpay-identity-admin\"");
            throw new AdminUnauthorized();
        }
        return true;
    }
}
