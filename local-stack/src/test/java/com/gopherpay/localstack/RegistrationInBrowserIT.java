package com.gopherpay.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A person's whole journey in a real headless Chromium against the stack started as the README says: the
 * registration form (with a field error first), the verification email in the dev mailbox, the link in it, the
 * confirm form (a wrong password first, then the right one), what a second use of the same link shows; then signing in
 * (a wrong password first), the account page and its settings, signing out, "forgot your password", the reset email,
 * the reset form (passwords that differ first) and signing in with the new password while the old one fails.
 * A second test signs in with the right password of an unconfirmed address and asks for a new link from the answer.
 * Screenshots of each step go to {@code target/screenshots}.
 */
class RegistrationInBrowserIT {

    private static final Duration UI = Duration.ofSeconds(20);
    // The email travels outbox → Kafka → Connect → notification service → SMTP before the mailbox shows it.
    private static final Duration MAIL = Duration.ofSeconds(90);

    private static LaunchedStack stack;
    private static MailboxApi mailbox;
    private static HeadlessChromium chromium;
    private static WebDriver browser;

    @RegisterExtension
    static final AfterTestExecutionCallback screenshotOnFailure = context -> {
        if (context.getExecutionException().isPresent() && chromium != null) {
            chromium.screenshot("failure");
        }
    };

    @BeforeAll
    static void startStackAndBrowser() throws Exception {
        if (!HeadlessChromium.installed()) {
            return; // the test itself reports the skip and why (an assumption here would hide the reason)
        }
        stack = LaunchedStack.launch(Map.of(), "--fresh");
        mailbox = new MailboxApi(stack);
        chromium =
                HeadlessChromium.start(Path.of(System.getProperty("gopherpay.screenshots.dir", "target/screenshots")));
        browser = chromium.driver;
        stack.awaitReady(Duration.ofMinutes(4));
    }

    @AfterAll
    static void stopBrowserAndStack() throws Exception {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            if (stack != null) {
                stack.close();
            }
        }
    }

    @Test
    void registersConfirmsSignsInSignsOutAndResetsAForgottenPassword() {
        assumeTrue(HeadlessChromium.installed(), HeadlessChromium::notInstalledReason);
        String email = "browser-" + UUID.randomUUID() + "@example.com";
        String password = "Lantern-Orbit-Velvet-" + UUID.randomUUID().toString().substring(0, 6);
        List<String> identityConsole = new ArrayList<>();

        browser.get(stack.url("IDENTITY_PORT", "/").toString());
        WebElement form = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("register-form")));
        assertThat(browser.getTitle()).contains("GopherPay");
        chromium.screenshot("registration-form");

        field("fullName").sendKeys("Grace Hopper");
        field("email").sendKeys(email);
        field("password").sendKeys("too-short");
        field("confirmPassword").sendKeys("too-short");
        form.findElement(By.id("register-submit")).click();

        WebElement passwordError = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("password-error")));
        assertThat(passwordError.getText())
                .as("the API's message for the password")
                .isNotBlank();
        assertThat(field("password").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(field("password").getDomAttribute("aria-describedby")).contains("password-error");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id"))
                .as("focus moves to the error summary so a screen reader reads it")
                .isEqualTo("error-summary");
        assertThat(browser.findElement(By.cssSelector("#error-summary a[href='#password']"))
                        .isDisplayed())
                .isTrue();
        chromium.screenshot("password-too-short");

        replaceText(field("password"), password);
        replaceText(field("confirmPassword"), password);
        field("confirmPassword").sendKeys(Keys.ENTER); // submitting from the keyboard, as many people do

        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("registered")));
        assertThat(browser.findElement(By.id("registered-email")).getText()).isEqualTo(email);
        assertThat(browser.findElement(By.id("register-view")).isDisplayed()).isFalse();
        chromium.screenshot("check-your-inbox");
        identityConsole.addAll(chromium.drainConsole());

        browser.get(stack.url("MAILBOX_PORT", "/").toString());
        openMessageTo(email);
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("html-view")));
        chromium.screenshot("verification-email");
        chromium.drainConsole(); // the mailbox's own console is not under test

        String mailbox = browser.getWindowHandle();
        waitFor(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("html-view")));
        WebElement link =
                waitFor(ExpectedConditions.elementToBeClickable(By.cssSelector("a[href*='/verify-email?token=']")));
        assertThat(link.getDomAttribute("href"))
                .as("the link leads to this stack's identity service (127.0.0.1 or localhost)")
                .matches("http://(127\\.0\\.0\\.1|localhost):" + stack.ports.get("IDENTITY_PORT")
                        + "/verify-email\\?token=[A-Za-z0-9_-]+");
        link.click();
        browser.switchTo().defaultContent();
        followToVerificationPage(mailbox);

        WebElement confirm = waitFor(ExpectedConditions.elementToBeClickable(By.id("confirm-button")));
        assertThat(browser.findElement(By.id("confirm-title")).getText()).isEqualTo("Confirm your email");
        chromium.screenshot("confirm-your-email");

        // The page asks for the account's password: a wrong one is refused next to the field, with attempts left.
        field("password").sendKeys("not-" + password);
        confirm.click();
        WebElement wrongPassword = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("password-error")));
        assertThat(wrongPassword.getText()).contains("not the password").contains("4 more times");
        assertThat(field("password").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.switchTo().activeElement().getDomAttribute("id")).isEqualTo("confirm-error");
        chromium.screenshot("wrong-password");

        // The other path is there for someone who does not know the password; here the person does.
        browser.findElement(By.id("choose-new")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("newPassword")));
        assertThat(browser.findElement(By.id("newPassword-hint")).getText()).contains("15 to 128 characters");
        chromium.screenshot("set-a-new-password");
        browser.findElement(By.id("use-current")).click();

        replaceText(waitFor(ExpectedConditions.elementToBeClickable(By.id("password"))), password);
        field("password").sendKeys(Keys.ENTER);

        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("verified-view")));
        assertThat(browser.findElement(By.id("verified-title")).getText()).isEqualTo("Your email is confirmed");
        chromium.screenshot("email-confirmed");

        browser.navigate().refresh();
        waitFor(ExpectedConditions.elementToBeClickable(By.id("password"))).sendKeys(password);
        waitFor(ExpectedConditions.elementToBeClickable(By.id("confirm-button")))
                .click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("resend-view")));
        assertThat(browser.findElement(By.id("resend-title")).getText()).isEqualTo("This link cannot be used");
        chromium.screenshot("link-used-twice");

        browser.findElement(By.id("resend-email")).sendKeys(email);
        browser.findElement(By.id("resend-submit")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("resend-sent")));
        chromium.screenshot("new-link-requested");
        identityConsole.addAll(chromium.drainConsole());

        signInAndUseTheAccountPage(email, password);
        signOut();
        String newPassword =
                "Harbour-Quartz-Meadow-" + UUID.randomUUID().toString().substring(0, 6);
        resetTheForgottenPassword(email, newPassword);
        signInWithTheNewPasswordOnly(email, password, newPassword);
        identityConsole.addAll(chromium.drainConsole());

        assertThat(identityConsole)
                .as("the identity pages work under their strict Content-Security-Policy")
                .noneMatch(message -> message.contains("Content Security Policy"));
    }

    @Test
    void offersANewVerificationLinkWhenTheRightPasswordMeetsAnUnconfirmedAddress() throws Exception {
        assumeTrue(HeadlessChromium.installed(), HeadlessChromium::notInstalledReason);
        String email = "pending-" + UUID.randomUUID() + "@example.com";
        String password = "Marble-Comet-Willow-" + UUID.randomUUID().toString().substring(0, 6);
        HttpResponse<String> registered = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(stack.url("IDENTITY_PORT", "/auth/register"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\",\"password\":\""
                                        + password + "\",\"confirmPassword\":\"" + password
                                        + "\",\"fullName\":\"Mary Jackson\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);

        browser.get(stack.url("IDENTITY_PORT", "/login").toString());
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        field("email").sendKeys(email);
        field("password").sendKeys(password, Keys.ENTER);
        WebElement notVerified = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertThat(notVerified.getText()).contains("Your email address is not confirmed yet");
        assertThat(activeElementId()).isEqualTo("error-summary");
        chromium.screenshot("sign-in-unconfirmed-address");

        browser.findElement(By.cssSelector("#error-summary-actions button")).click();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.id("form-status"), "new verification link"));
        assertThat(browser.getCurrentUrl())
                .as("still on the sign-in page, not signed in")
                .endsWith("/login");
        chromium.screenshot("verification-link-resent");
    }

    /**
     * Signs in (a wrong password first) and uses the account page: its profile, a settings change that survives a
     * reload (which takes a new access token from the rotated refresh cookie), and no token where scripts keep data.
     */
    private void signInAndUseTheAccountPage(String email, String password) {
        browser.get(stack.url("IDENTITY_PORT", "/login").toString());
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        assertThat(field("email").getDomAttribute("autocomplete")).isEqualTo("username");
        assertThat(field("password").getDomAttribute("autocomplete")).isEqualTo("current-password");
        chromium.screenshot("sign-in");

        field("email").sendKeys(email);
        field("password").sendKeys("not-" + password, Keys.ENTER);
        WebElement refused = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertThat(refused.getText()).contains("Email address or password is incorrect");
        assertThat(activeElementId()).as("focus on the error summary").isEqualTo("error-summary");
        chromium.screenshot("sign-in-wrong-password");

        replaceText(field("password"), password);
        field("password").sendKeys(Keys.ENTER);
        waitFor(ExpectedConditions.urlToBe(
                stack.url("IDENTITY_PORT", "/account").toString()));
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("account-view")));
        assertThat(browser.findElement(By.id("account-email")).getText()).isEqualTo(email);
        assertThat(browser.findElement(By.id("account-name")).getText()).isEqualTo("Grace Hopper");
        assertThat(browser.findElement(By.id("account-verified")).isDisplayed()).isTrue();
        assertThat(script("return localStorage.length + sessionStorage.length"))
                .as("nothing kept in web storage")
                .isEqualTo(0L);
        assertThat(script("return document.cookie"))
                .as("scripts see the CSRF cookie, never the refresh token")
                .asString()
                .contains("gp_csrf=")
                .doesNotContain("gp_refresh");
        chromium.screenshot("account");

        replaceText(field("timeZone"), "Europe/Berlin");
        if (!field("marketingOptIn").isSelected()) {
            field("marketingOptIn").click();
        }
        browser.findElement(By.id("settings-submit")).click();
        waitFor(ExpectedConditions.textToBe(By.id("form-status"), "Your settings are saved."));
        browser.navigate().refresh();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("account-view")));
        assertThat(field("timeZone").getDomProperty("value")).isEqualTo("Europe/Berlin");
        assertThat(field("marketingOptIn").isSelected()).isTrue();
        chromium.screenshot("settings-saved");
    }

    /** Signs out; the account page then sends the person to sign in again. */
    private void signOut() {
        browser.findElement(By.id("sign-out")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("signed-out")));
        assertThat(browser.getCurrentUrl()).contains("/login");
        assertThat(script("return document.cookie")).asString().doesNotContain("gp_csrf=");
        chromium.screenshot("signed-out");

        browser.get(stack.url("IDENTITY_PORT", "/account").toString());
        waitFor(ExpectedConditions.urlToBe(stack.url("IDENTITY_PORT", "/login").toString()));
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
    }

    /** From the sign-in page's link to the reset form, with the link from the email in the dev mailbox. */
    private void resetTheForgottenPassword(String email, String newPassword) {
        browser.findElement(By.id("forgot-link")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("forgot-form")));
        field("email").sendKeys(email, Keys.ENTER);
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("sent-view")));
        assertThat(activeElementId()).isEqualTo("sent-title");
        chromium.screenshot("reset-link-requested");

        URI link = mailbox.awaitLink(email, "/reset-password");
        assertThat(link.toString())
                .startsWith(stack.url("IDENTITY_PORT", "/reset-password?token=").toString());
        browser.get(link.toString());
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("reset-form")));
        assertThat(browser.findElement(By.id("password-hint")).getText()).contains("15 to 128 characters");
        chromium.screenshot("choose-a-new-password");

        field("password").sendKeys(newPassword);
        field("confirmPassword").sendKeys(newPassword + "!", Keys.ENTER);
        WebElement differ = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("confirmPassword-error")));
        assertThat(differ.getText())
                .as("the API's message for the confirmation")
                .isNotBlank();
        assertThat(field("confirmPassword").getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(activeElementId()).isEqualTo("error-summary");
        chromium.screenshot("reset-passwords-differ");

        replaceText(field("confirmPassword"), newPassword);
        field("confirmPassword").sendKeys(Keys.ENTER);
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("done-view")));
        assertThat(activeElementId()).isEqualTo("done-title");
        assertThat(browser.findElement(By.id("done-verified")).isDisplayed())
                .as("the address was confirmed before")
                .isFalse();
        chromium.screenshot("password-changed");
    }

    private void signInWithTheNewPasswordOnly(String email, String oldPassword, String newPassword) {
        browser.findElement(By.id("done-sign-in")).click();
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        field("email").sendKeys(email);
        field("password").sendKeys(oldPassword, Keys.ENTER);
        WebElement refused = waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("error-summary")));
        assertThat(refused.getText()).contains("Email address or password is incorrect");

        replaceText(field("password"), newPassword);
        field("password").sendKeys(Keys.ENTER);
        waitFor(ExpectedConditions.visibilityOfElementLocated(By.id("account-view")));
        assertThat(browser.findElement(By.id("account-email")).getText()).isEqualTo(email);
        chromium.screenshot("signed-in-with-the-new-password");
    }

    private String activeElementId() {
        return browser.switchTo().activeElement().getDomAttribute("id");
    }

    private Object script(String code) {
        return ((JavascriptExecutor) browser).executeScript(code);
    }

    /** The mailbox lists messages newest first; reload until ours is there, then open it. */
    private void openMessageTo(String email) {
        By messageLink =
                By.xpath("//tr[td[contains(normalize-space(.), '" + email + "')]]//a[contains(@href, '/message/')]");
        new WebDriverWait(browser, MAIL, Duration.ofSeconds(1))
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "the verification email to " + email + " in the dev mailbox")
                .until(driver -> {
                    List<WebElement> links = driver.findElements(messageLink);
                    if (links.isEmpty()) {
                        driver.navigate().refresh();
                        return false;
                    }
                    chromium.screenshot("mailbox");
                    links.get(0).click();
                    return true;
                });
        waitFor(ExpectedConditions.urlContains("/message/"));
    }

    /** The link opens in the whole window (the email's frame targets the top) or, if the email says so, a new one. */
    private void followToVerificationPage(String mailbox) {
        new WebDriverWait(browser, UI)
                .withMessage("the verification page opened from the email's link")
                .until(driver -> {
                    Set<String> windows = driver.getWindowHandles();
                    if (windows.size() > 1) {
                        windows.stream()
                                .filter(handle -> !handle.equals(mailbox))
                                .findFirst()
                                .ifPresent(handle -> driver.switchTo().window(handle));
                    }
                    return driver.getCurrentUrl().contains("/verify-email?token=");
                });
    }

    private WebElement field(String id) {
        return browser.findElement(By.id(id));
    }

    private static void replaceText(WebElement input, String text) {
        input.clear();
        input.sendKeys(text);
    }

    private <T> T waitFor(java.util.function.Function<WebDriver, T> condition) {
        return new WebDriverWait(browser, UI)
                .ignoring(NoSuchElementException.class)
                .until(condition);
    }
}
