package com.gopherpay.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * A real headless Chromium driven through chromedriver, both found at fixed paths (Debian's {@code chromium} and
 * {@code chromium-driver} packages by default). Setting both paths explicitly keeps Selenium Manager from ever
 * downloading a browser or a driver.
 */
final class HeadlessChromium implements AutoCloseable {

    /** Override with {@code -Dgopherpay.chromium=...} where Chromium lives elsewhere. */
    static final Path BROWSER = Path.of(System.getProperty("gopherpay.chromium", "/usr/bin/chromium"));
    /** Override with {@code -Dgopherpay.chromedriver=...}; it must match the browser's major version. */
    static final Path DRIVER = Path.of(System.getProperty("gopherpay.chromedriver", "/usr/bin/chromedriver"));

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;
    private final Path screenshots;
    private int shots;

    private HeadlessChromium(ChromeDriver driver, ChromeDriverService service, Path profile, Path screenshots) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
        this.screenshots = screenshots;
    }

    static boolean installed() {
        return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
    }

    static String notInstalledReason() {
        return "Headless browser test skipped: needs an executable Chromium at " + BROWSER + " and chromedriver at "
                + DRIVER + " (Debian: apt-get install chromium chromium-driver; or set -Dgopherpay.chromium and"
                + " -Dgopherpay.chromedriver)";
    }

    static HeadlessChromium start(Path screenshots) throws IOException {
        Files.createDirectories(screenshots);
        Path profile = Files.createTempDirectory("gopherpay-chromium-profile");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(screenshots.resolve("chromedriver.log").toFile())
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--window-size=1280,1000",
                "--lang=en-US");
        // The console shows Content-Security-Policy violations; the test reads them to prove the pages need none.
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        try {
            return new HeadlessChromium(new ChromeDriver(service, options), service, profile, screenshots);
        } catch (RuntimeException e) {
            service.stop();
            deleteRecursively(profile);
            throw e;
        }
    }

    /** Saves the current viewport as {@code NN-name.png}, numbered in the order taken. */
    Path screenshot(String name) {
        Path target = screenshots.resolve(String.format("%02d-%s.png", ++shots, name));
        try {
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot save screenshot " + target, e);
        }
    }

    /** Console messages logged since the last call (reading empties the browser's buffer). */
    List<String> drainConsole() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .toList();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            deleteRecursively(profile);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary profile is harmless; the test result matters more.
        }
    }
}
