package org.twofold.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, which bin/install-test-packages installs)
 * on the appliance under test, with a fresh profile: no cookies, no cache from another test.
 */
public final class Browser implements AutoCloseable {

    private static final Path SCREENSHOTS = Path.of("target", "screenshots",
            System.getProperty("twofold.test.db", "h2"));

    private final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;
    private final Path downloads;
    private final Set<Path> downloaded = new HashSet<>();
    private final String name;
    private int shots;

    private Browser(ChromeDriver driver, String baseUrl, Path profile, Path downloads, String name) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.downloads = downloads;
        this.name = name;
    }

    /** {@code name} names the screenshots, e.g. the test's class and method. */
    public static Browser open(String baseUrl, String name) {
        return open(baseUrl, name, List.of());
    }

    /**
     * As {@link #open(String, String)}, with a camera that films the given MJPEG file over and over (Chromium's
     * fake capture device), and camera permission granted, for a page that scans QR codes.
     */
    public static Browser openWithCamera(String baseUrl, String name, Path mjpeg) {
        return open(baseUrl, name, List.of("--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream",
                "--use-file-for-fake-video-capture=" + mjpeg.toAbsolutePath()));
    }

    private static Browser open(String baseUrl, String name, List<String> moreArguments) {
        try {
            Path profile = Files.createTempDirectory("twofold-chromium");
            Path downloads = Files.createDirectory(profile.resolve("downloads"));
            ChromeOptions options = new ChromeOptions();
            options.setBinary(new File("/usr/bin/chromium"));
            // files the pages offer (PDFs too) are saved without asking, for the test to read
            options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads.toString(),
                    "download.prompt_for_download", false, "plugins.always_open_pdf_externally", true));
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1400,1000", "--user-data-dir=" + profile);
            options.addArguments(moreArguments);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                    .usingAnyFreePort()
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            // each browser comes from an address of its own through the trusted proxy, as real users do: the
            // sign-in throttle counts per address, and one address for every test would lock them all
            driver.executeCdpCommand("Network.enable", Map.of());
            driver.executeCdpCommand("Network.setExtraHTTPHeaders",
                    Map.of("headers", Map.of("X-Forwarded-For", Fixtures.uniqueAddress())));
            // an overlay clicked while it still slides open loses the click; without animations it is there at once
            driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                    "document.addEventListener('DOMContentLoaded', function () {"
                            + " if (window.PrimeFaces) { PrimeFaces.utils.disableAnimations(); } });"));
            return new Browser(driver, baseUrl.endsWith("/") ? baseUrl : baseUrl + "/", profile, downloads, name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Browser go(String path) {
        driver.get(baseUrl + (path.startsWith("/") ? path.substring(1) : path));
        return this;
    }

    public String currentPath() {
        return driver.getCurrentUrl().substring(baseUrl.length() - 1);
    }

    /** Signs in on the dashboard's sign-in page; ends wherever the appliance sends the browser. */
    public Browser signIn(String operator, String password) {
        go("admin/login.xhtml");
        type(By.id("login:name"), operator);
        type(By.id("login:password"), password);
        return submit(By.id("login:signIn"));
    }

    /**
     * Clicks a button that sends its form without AJAX and waits for the page that answers: a {@link #go}
     * right after a bare click could cancel the request before the appliance has seen it.
     */
    public Browser submit(By button) {
        driver.executeScript("window.twofoldPageBefore = true");
        click(button);
        waitUntil(d -> {
            try {
                return Boolean.TRUE.equals(((JavascriptExecutor) d).executeScript(
                        "return !window.twofoldPageBefore && document.readyState === 'complete'"));
            } catch (WebDriverException navigating) {
                return false;
            }
        });
        return this;
    }

    public Browser type(By field, String text) {
        WebElement element = visible(field);
        element.clear();
        element.sendKeys(text);
        return this;
    }

    /** Clicks again should a poll or an AJAX update replace the element between finding and clicking it. */
    public Browser click(By target) {
        return unlessReplaced(() -> {
            waitUntil(ExpectedConditions.elementToBeClickable(target)).click();
            return this;
        });
    }

    /** Clicks a button that asks for confirmation, then "Yes" in PrimeFaces' confirmation dialog. */
    public Browser clickConfirmed(By target) {
        click(target);
        click(By.cssSelector("button.ui-confirmdialog-yes"));
        return this;
    }

    /**
     * Picks an option of a PrimeFaces select menu and waits until the menu shows it: a click during the
     * panel's opening animation can get lost, so it tries again.
     */
    public Browser choose(String menuId, String label) {
        By shown = By.id(menuId + "_label");
        for (int attempt = 0; attempt < 5; attempt++) {
            click(By.id(menuId));
            try {
                click(By.cssSelector("#" + menuId.replace(":", "\\:") + "_panel li[data-label='" + label + "']"));
                new WebDriverWait(driver, Duration.ofSeconds(3))
                        .until(ExpectedConditions.textToBePresentInElementLocated(shown, label));
                return this;
            } catch (WebDriverException lost) {
                // the panel was still opening or closing; open it again
            }
        }
        throw new AssertionError("could not choose " + label + " in " + menuId);
    }

    public WebElement visible(By target) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(target));
    }

    public String text(By target) {
        return unlessReplaced(() -> visible(target).getText());
    }

    public List<WebElement> all(By target) {
        return driver.findElements(target);
    }

    /** Waits until nothing matching is shown any more (removed or hidden). */
    public Browser waitUntilGone(By target) {
        waitUntil(ExpectedConditions.invisibilityOfElementLocated(target));
        return this;
    }

    public Browser waitForText(By target, String text) {
        waitUntil(ExpectedConditions.textToBePresentInElementLocated(target, text));
        return this;
    }

    /** For what takes longer than a page's answer, such as a directory sync the page follows. */
    public Browser waitForText(By target, String text, Duration timeout) {
        new WebDriverWait(driver, timeout).until(ExpectedConditions.textToBePresentInElementLocated(target, text));
        return this;
    }

    /** Waits for the next file the browser saved (complete, not one answered before) and answers it. */
    public Path awaitDownload() {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(ignored -> {
            try (var files = Files.list(downloads)) {
                return files.filter(file -> !file.getFileName().toString().endsWith(".crdownload")
                                && !file.getFileName().toString().startsWith(".") && !downloaded.contains(file))
                        .findFirst()
                        .map(file -> {
                            downloaded.add(file);
                            return file;
                        })
                        .orElse(null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Scrolls an element into view, e.g. before a screenshot of what lies below the fold. */
    public Browser scrollTo(By target) {
        return unlessReplaced(() -> {
            driver.executeScript("arguments[0].scrollIntoView({block: 'start'})", visible(target));
            return this;
        });
    }

    /**
     * Runs a script in the page and answers what it passes to its callback (the last of {@code arguments}),
     * e.g. to read IndexedDB, whose API answers only asynchronously.
     */
    public Object executeAsync(String script, Object... args) {
        return driver.executeAsyncScript(script, args);
    }

    /** Sets the window to a phone's size, to see the layout a phone shows. */
    public Browser resize(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
        return this;
    }

    /** Cuts the browser off the network (or connects it again), as a phone in a tunnel. */
    public Browser offline(boolean offline) {
        driver.executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline, "latency", 0,
                "downloadThroughput", -1, "uploadThroughput", -1));
        return this;
    }

    public String pageSource() {
        return driver.getPageSource();
    }

    public String title() {
        return driver.getTitle();
    }

    /** Saves what the browser shows under target/screenshots/<db>/, for a reviewer to look at. */
    public Path screenshot(String what) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(String.format("%s-%02d-%s.png", name, ++shots, what));
            Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T waitUntil(Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(20)).until(condition);
    }

    /** Does it again when the page replaced the element meanwhile (a poll or an AJAX update), at most thrice. */
    private static <T> T unlessReplaced(Supplier<T> action) {
        for (int attempt = 1; ; attempt++) {
            try {
                return action.get();
            } catch (StaleElementReferenceException replaced) {
                if (attempt == 3) {
                    throw replaced;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteQuietly(profile);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a profile left in /tmp is harmless
        }
    }
}
