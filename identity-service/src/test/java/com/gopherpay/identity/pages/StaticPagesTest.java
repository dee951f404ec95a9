package com.gopherpay.identity.pages;

import static org.assertj.core.api.Assertions.assertThat;

import com.gopherpay.identity.password.PasswordProperties;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The pages must work under the strict Content-Security-Policy and expose their fields to assistive technology and
 * password managers; these checks read the shipped files so a careless edit fails the build, not a user.
 */
class StaticPagesTest {

    private static final String[] PAGES = {
        "index.html",
        "verify-email.html",
        "login.html",
        "forgot-password.html",
        "reset-password.html",
        "account.html",
        "confirm-email-change.html",
        "cancel-email-change.html"
    };
    /** Pages whose only control is one button that POSTs the token from the address bar. */
    private static final java.util.Set<String> BUTTON_ONLY_PAGES =
            java.util.Set.of("confirm-email-change.html", "cancel-email-change.html");

    private static final String[] SCRIPTS = {
        "register.js",
        "verify-email.js",
        "login.js",
        "forgot-password.js",
        "reset-password.js",
        "account.js",
        "email-change-link.js",
        "session.js",
        "api.js",
        "form-errors.js"
    };

    static String[] pages() {
        return PAGES;
    }

    static String[] scripts() {
        return SCRIPTS;
    }

    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCAL_ASSET = Pattern.compile("(?:src|href)=\"(/[^\"#?]+\\.(?:js|css|svg))\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from \"\\./([a-z-]+\\.js)\"");

    @ParameterizedTest
    @MethodSource("pages")
    void needsNoInlineScriptOrStyle(String page) throws IOException {
        String html = read(page);

        Matcher script = SCRIPT.matcher(html);
        while (script.find()) {
            assertThat(script.group(1)).as("every script is a file").contains("src=\"/js/");
        }
        assertThat(html).doesNotContainPattern("(?i)<style\\b");
        assertThat(html).as("style attributes").doesNotContainPattern("(?i)\\sstyle=");
        assertThat(html).as("inline event handlers").doesNotContainPattern("(?i)\\son[a-z]+=");
        assertThat(html).doesNotContainIgnoringCase("javascript:");
    }

    @ParameterizedTest
    @MethodSource("pages")
    void loadsNothingFromOtherOrigins(String page) throws IOException {
        String withoutSvgNamespace = read(page).replace("http://www.w3.org/2000/svg", "");

        assertThat(withoutSvgNamespace).doesNotContain("http://", "https://", "//cdn");
    }

    @ParameterizedTest
    @MethodSource("pages")
    void refersOnlyToAssetsThatShip(String page) throws IOException {
        Matcher asset = LOCAL_ASSET.matcher(read(page));
        List<String> missing = new ArrayList<>();
        while (asset.find()) {
            if (!new ClassPathResource("static" + asset.group(1)).exists()) {
                missing.add(asset.group(1));
            }
        }
        assertThat(missing).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("pages")
    void labelsEveryFieldAndTellsBrowsersWhatItHolds(String page) throws IOException {
        String html = read(page);
        Matcher input = INPUT.matcher(html);
        int fields = 0;
        while (input.find()) {
            String attributes = input.group(1);
            String id = attribute(attributes, "id");
            assertThat(html).as("label for #%s", id).contains("<label for=\"" + id + "\">");
            if (!attributes.contains("type=\"checkbox\"")) {
                assertThat(attribute(attributes, "autocomplete"))
                        .as("autocomplete of #%s", id)
                        .isNotBlank();
                fields++;
            }
        }
        if (!BUTTON_ONLY_PAGES.contains(page)) {
            assertThat(fields).isPositive();
        }
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void scriptsNeverTurnStringsIntoMarkupOrCode(String script) throws IOException {
        // Server messages are shown with textContent only, so a hostile message cannot become markup.
        assertThat(read("js/" + script))
                .doesNotContain(
                        "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function");
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void scriptsImportOnlyModulesThatShip(String script) throws IOException {
        Matcher imported = MODULE_IMPORT.matcher(read("js/" + script));
        while (imported.find()) {
            assertThat(new ClassPathResource("static/js/" + imported.group(1)).exists())
                    .as(imported.group(1))
                    .isTrue();
        }
    }

    @Test
    void theConfirmPageAsksForThePasswordOrANewOne() throws IOException {
        String html = read("verify-email.html");

        assertThat(html).contains("autocomplete=\"current-password\"").contains("autocomplete=\"new-password\"");
        assertThat(html).contains("id=\"choose-new\"").contains("id=\"use-current\"");
        assertThat(read("js/verify-email.js"))
                .contains("password: passwordInput.value", "newPassword: newPasswordInput.value");
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "verify-email.html"})
    void statesTheConfiguredDefaultPasswordLength(String page) throws IOException {
        // The default as Spring binds it from PasswordProperties' @DefaultValue, with nothing configured.
        int min = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("identity.password", PasswordProperties.class)
                .minLength();
        String html = read(page);

        assertThat(min).isEqualTo(15);
        assertThat(html).contains("be " + min + " to 128 characters long").contains("minlength: " + min + ";");
        assertThat(html).doesNotContain("minlength: 12");
    }

    @Test
    void theRegistrationPageChecksTheSameLength() throws IOException {
        assertThat(read("js/register.js")).contains("length >= 15 && length <= 128");
    }

    private static String attribute(String attributes, String name) {
        Matcher value = Pattern.compile("\\b" + name + "=\"([^\"]*)\"").matcher(attributes);
        return value.find() ? value.group(1) : "";
    }

    private static String read(String file) throws IOException {
        try (InputStream in = new ClassPathResource("static/" + file).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void scriptsKeepNoTokenInBrowserStorage(String script) throws IOException {
        // Storage outlives the page and any script of the origin can read it; tokens stay in memory or HttpOnly
        // cookies.
        assertThat(read("js/" + script)).doesNotContain("localStorage", "sessionStorage", "indexedDB");
    }

    @Test
    void theSignInPageLetsPasswordManagersFillIt() throws IOException {
        String html = read("login.html");

        assertThat(html).contains("autocomplete=\"username\"").contains("autocomplete=\"current-password\"");
        assertThat(html).contains("href=\"/forgot-password\"").contains("href=\"/\"");
    }

    @Test
    void signsInWithTheRefreshTokenInACookie() throws IOException {
        assertThat(read("js/login.js")).contains("postJson(\"/auth/login\"", "COOKIE_DELIVERY");
        assertThat(read("js/session.js"))
                .contains("\"Refresh-Token-Delivery\": \"cookie\"")
                .contains("\"/auth/token/refresh\"", "\"/auth/token/revoke\"")
                .contains("\"X-CSRF-Token\": csrfToken()", "gp_csrf=");
    }

    @Test
    void thePagesLinkToEachOther() throws IOException {
        assertThat(read("index.html")).contains("href=\"/login\"");
        assertThat(read("forgot-password.html")).contains("href=\"/login\"").contains("href=\"/\"");
        assertThat(read("reset-password.html"))
                .contains("href=\"/forgot-password\"")
                .contains("href=\"/login\"");
        assertThat(read("verify-email.html")).contains("href=\"/login\"");
    }

    @Test
    void theResetPageAsksForTheNewPasswordTwiceAndShowsTheServersLengthRule() throws IOException {
        int min = new Binder(new MapConfigurationPropertySource())
                .bindOrCreate("identity.password", PasswordProperties.class)
                .minLength();
        String html = read("reset-password.html");

        assertThat(html.split("autocomplete=\"new-password\"", -1)).hasSize(3);
        // The default until the page has read the configured rule from GET /auth/password/rules.
        assertThat(html)
                .contains("be <span id=\"min-length\">" + min + "</span> to <span id=\"max-length\">128</span>")
                .contains("minlength: " + min + ";");
        assertThat(read("js/reset-password.js"))
                .contains("\"/auth/password/rules\"", "\"/auth/password/reset\"")
                .contains("token,", "password: inputs.password.value", "confirmPassword: inputs.confirmPassword.value");
    }

    @Test
    void theAccountPageEditsTheSettingsAndSignsOut() throws IOException {
        String html = read("account.html");

        assertThat(html).contains("id=\"locale\"", "id=\"timeZone\"", "id=\"marketingOptIn\"", "id=\"sign-out\"");
        assertThat(read("js/account.js"))
                .contains("authorized(\"GET\", \"/account\")", "authorized(\"PATCH\", \"/account/settings\"")
                .contains("window.location.replace(\"/login\")");
    }

    @Test
    void theAccountPageAsksForAnEmailChangeWithTheCurrentPassword() throws IOException {
        assertThat(read("account.html"))
                .contains("id=\"email-change-form\"", "id=\"newEmail\"")
                .containsPattern(
                        "<input id=\"currentPassword\"[^>]*type=\"password\"[^>]*autocomplete=\"current-password\"");
        assertThat(read("js/account.js")).contains("authorized(\"POST\", \"/account/email\"");
    }

    @Test
    void theEmailChangeLinkPagesPostTheTokenOnlyWhenThePersonPressesTheButton() throws IOException {
        assertThat(read("confirm-email-change.html")).contains("data-endpoint=\"/account/email/confirm\"");
        assertThat(read("cancel-email-change.html")).contains("data-endpoint=\"/account/email/cancel\"");
        String script = read("js/email-change-link.js");
        assertThat(script)
                .contains("form.addEventListener(\"submit\", submit)")
                .contains("postJson(form.dataset.endpoint, { token })");
        // The only POST is inside the submit handler: nothing is sent on load.
        assertThat(script.indexOf("postJson(form.dataset.endpoint"))
                .isGreaterThan(script.indexOf("async function submit("));
    }

    @ParameterizedTest
    @MethodSource("pages")
    void passwordFieldsArePasswordFields(String page) throws IOException {
        Matcher input = INPUT.matcher(read(page));
        while (input.find()) {
            String autocomplete = attribute(input.group(1), "autocomplete");
            if (autocomplete.endsWith("-password")) {
                assertThat(attribute(input.group(1), "type"))
                        .as("type of #%s", attribute(input.group(1), "id"))
                        .isEqualTo("password");
            }
        }
    }
}
