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
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The pages must work under the strict Content-Security-Policy and expose their fields to assistive technology and
 * password managers; these checks read the shipped files so a careless edit fails the build, not a user.
 */
class StaticPagesTest {

    private static final Pattern SCRIPT = Pattern.compile("<script\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCAL_ASSET = Pattern.compile("(?:src|href)=\"(/[^\"#?]+\\.(?:js|css|svg))\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from \"\\./([a-z-]+\\.js)\"");

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "verify-email.html"})
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
    @ValueSource(strings = {"index.html", "verify-email.html"})
    void loadsNothingFromOtherOrigins(String page) throws IOException {
        String withoutSvgNamespace = read(page).replace("http://www.w3.org/2000/svg", "");

        assertThat(withoutSvgNamespace).doesNotContain("http://", "https://", "//cdn");
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "verify-email.html"})
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
    @ValueSource(strings = {"index.html", "verify-email.html"})
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
        assertThat(fields).isPositive();
    }

    @ParameterizedTest
    @ValueSource(strings = {"register.js", "verify-email.js", "api.js", "form-errors.js"})
    void scriptsNeverTurnStringsIntoMarkupOrCode(String script) throws IOException {
        // Server messages are shown with textContent only, so a hostile message cannot become markup.
        assertThat(read("js/" + script))
                .doesNotContain(
                        "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function");
    }

    @ParameterizedTest
    @ValueSource(strings = {"register.js", "verify-email.js"})
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
}
