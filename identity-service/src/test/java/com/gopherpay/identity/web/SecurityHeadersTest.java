package com.gopherpay.identity.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class SecurityHeadersTest {

    /** Written out, not read from the class under test, so that a changed policy fails here. */
    static final String STRICT_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    static final String SWAGGER_UI_POLICY = "default-src 'self'; script-src 'self' 'unsafe-inline';"
            + " style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none';"
            + " base-uri 'self'; form-action 'self'; object-src 'none'";

    private final SecurityHeaders filter = new SecurityHeaders();

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/",
                "/index.html",
                "/verify-email",
                "/login",
                "/forgot-password",
                "/reset-password",
                "/account",
                "/confirm-email-change",
                "/cancel-email-change",
                "/js/register.js",
                "/auth/register",
                "/error"
            })
    void appliesTheStrictPolicyToPagesAssetsAndApi(String path) throws Exception {
        MockHttpServletResponse response = filter("GET", path);

        String policy = response.getHeader("Content-Security-Policy");
        assertThat(policy).isEqualTo(STRICT_POLICY);
        assertThat(policy)
                .contains("default-src 'self'")
                .contains("script-src 'self';")
                .contains("style-src 'self';")
                .contains("img-src 'self' data:")
                .contains("connect-src 'self'")
                .contains("frame-ancestors 'none'")
                .contains("base-uri 'none'")
                .contains("form-action 'self'")
                .contains("object-src 'none'")
                .doesNotContain("unsafe-inline")
                .doesNotContain("unsafe-eval");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/swagger-ui.html", "/swagger-ui/index.html", "/v3/api-docs", "/v3/api-docs/swagger-config"})
    void relaxesThePolicyForSwaggerUiOnly(String path) throws Exception {
        String policy = filter("GET", path).getHeader("Content-Security-Policy");

        assertThat(policy).isEqualTo(SWAGGER_UI_POLICY);
        assertThat(policy)
                .contains("style-src 'self' 'unsafe-inline'")
                .contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-eval");
    }

    @Test
    void doesNotRelaxThePolicyForLookAlikePaths() throws Exception {
        assertThat(filter("GET", "/swagger-uiX/evil.html").getHeader("Content-Security-Policy"))
                .isEqualTo(STRICT_POLICY);
    }

    @Test
    void forbidsFramingSniffingReferrersAndUnusedBrowserFeatures() throws Exception {
        MockHttpServletResponse response = filter("POST", "/auth/register");

        assertThat(response.getHeader("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.getHeader("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(response.getHeader("Permissions-Policy"))
                .isEqualTo("camera=(), microphone=(), geolocation=(), payment=(), usb=(), clipboard-read=(),"
                        + " browsing-topics=()");
        assertThat(response.getHeader("Cross-Origin-Opener-Policy")).isEqualTo("same-origin");
    }

    @Test
    void asksForHttpsOnlyOverHttps() throws Exception {
        MockHttpServletRequest secure = new MockHttpServletRequest("GET", "/");
        secure.setSecure(true);
        MockHttpServletResponse overHttps = new MockHttpServletResponse();

        filter.doFilter(secure, overHttps, new MockFilterChain());

        assertThat(overHttps.getHeader("Strict-Transport-Security")).isEqualTo("max-age=31536000; includeSubDomains");
        // Browsers ignore it over plain HTTP; sending it there only misleads whoever reads the headers.
        assertThat(filter("GET", "/").getHeader("Strict-Transport-Security")).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/verify-email",
                "/verify-email.html",
                "/reset-password",
                "/reset-password.html",
                "/confirm-email-change",
                "/confirm-email-change.html",
                "/cancel-email-change.html"
            })
    void keepsThePagesOfEmailLinksOutOfCaches(String path) throws Exception {
        assertThat(filter("GET", path).getHeader("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void leavesCachingOfOtherResponsesToTheirHandlers() throws Exception {
        assertThat(filter("GET", "/css/app.css").getHeader("Cache-Control")).isNull();
    }

    @Test
    void honoursTheContextPath() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/identity/swagger-ui/index.html");
        request.setContextPath("/identity");
        MockHttpServletResponse response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain());

        assertThat(response.getHeader("Content-Security-Policy")).isEqualTo(SWAGGER_UI_POLICY);
    }

    @Test
    void passesTheRequestOnUnchanged() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isSameAs(request);
    }

    private MockHttpServletResponse filter(String method, String path) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(new MockHttpServletRequest(method, path), response, new MockFilterChain());
        return response;
    }
}
