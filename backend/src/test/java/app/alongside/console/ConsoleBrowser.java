package app.alongside.console;

import app.alongside.fixtures.NodeProject;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.junit.jupiter.api.Assumptions;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * One headless Chromium for a test class, pointed at a running server's console. Finds Debian's chromium and
 * chromedriver (or the paths in CHROMIUM_BINARY and CHROMEDRIVER); without them the tests fail under CI=true and
 * are skipped, saying why, elsewhere. Runs axe-core on a page and saves screenshots under
 * admin-console/target/screenshots/.
 */
final class ConsoleBrowser implements AutoCloseable {
    private static final Path MODULE = Path.of(System.getProperty("basedir", "."));
    private static final Path AXE_DIR = MODULE.resolve("src/test/axe");
    static final Path SCREENSHOTS = MODULE.getParent().resolve("admin-console/target/screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    final ChromeDriver driver;
    private final String baseUrl;
    private final Path profile;
    private static String axeSource;

    private ConsoleBrowser(ChromeDriver driver, String baseUrl, Path profile) {
        this.driver = driver;
        this.baseUrl = baseUrl;
        this.profile = profile;
    }

    static ConsoleBrowser open(String baseUrl) {
        Path chromium = Path.of(env("CHROMIUM_BINARY", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String why = "Chromium or chromedriver is missing (" + chromium + ", " + chromedriver + "): install "
                    + "them with `apt-get install -y chromium chromium-driver` (.ci/run does) or set CHROMIUM_BINARY "
                    + "and CHROMEDRIVER.";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(why);
            }
            Assumptions.abort(why);
        }
        try {
            Path profile = Files.createTempDirectory("console-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            // The flags the machine notes give: no background networking, which this closed network refuses.
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--disable-dev-shm-usage", "--disable-extensions",
                    "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-GB");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new ConsoleBrowser(driver, baseUrl, profile);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    /** Opens a console address such as "#/inbox" (or "" for the start page). */
    void go(String hash) {
        driver.get(baseUrl + "/console/" + hash);
    }

    /**
     * Starts a test signed out on the sign-in page: no session storage, no cookies, and the page loaded afresh, as
     * a page the last test left signed in still shows its header.
     */
    void startSignedOut() {
        go("#/sign-in");
        script("sessionStorage.clear()");
        driver.manage().deleteAllCookies();
        driver.navigate().refresh();
        heading("Sign in");
    }

    void signIn(String email, String password) {
        go("#/sign-in");
        heading("Sign in");
        field("Email address").clear();
        field("Email address").sendKeys(email);
        field("Password").sendKeys(password);
        button("Sign in").click();
        waitUntil(d -> !d.findElement(By.tagName("h1")).getText().equals("Sign in"));
    }

    /**
     * Signs in with a password someone else set: the console goes straight to choosing one's own, and once it is
     * changed, to the home page.
     */
    void firstSignIn(String email, String given, String chosen) {
        signIn(email, given);
        heading("Choose your own password");
        field("Password you were given").sendKeys(given);
        field("New password").sendKeys(chosen);
        button("Change password").click();
        waitForText(".notice.success", "Your password has been changed.");
    }

    void signOut() {
        button("Sign out").click();
        heading("Sign in");
    }

    /** Waits for the page's h1 to read the text, and returns it. */
    WebElement heading(String text) {
        waitUntil(ExpectedConditions.textToBe(By.tagName("h1"), text));
        return driver.findElement(By.tagName("h1"));
    }

    /** The control whose label reads exactly this text (labels are tied to their controls by for/id). */
    WebElement field(String label) {
        return waitUntil(d -> {
            for (WebElement l : d.findElements(By.tagName("label"))) {
                if (l.getText().trim().equals(label) && l.isDisplayed()) {
                    return d.findElement(By.id(l.getDomAttribute("for")));
                }
            }
            return null;
        });
    }

    WebElement button(String text) {
        return waitUntil(d -> d.findElements(By.tagName("button")).stream()
                .filter(b -> b.getText().trim().equals(text) && b.isDisplayed()).findFirst().orElse(null));
    }

    /** The error tied to a control through aria-describedby, once shown. */
    String errorFor(WebElement control) {
        waitUntil(d -> "true".equals(control.getDomAttribute("aria-invalid")));
        String describedBy = control.getDomAttribute("aria-describedby");
        assertTrue(describedBy != null && !describedBy.isBlank(), "the error is tied to the field");
        StringBuilder text = new StringBuilder();
        for (String id : describedBy.split(" ")) {
            WebElement el = driver.findElement(By.id(id));
            if (el.getDomAttribute("class").contains("field-error")) {
                text.append(el.getDomProperty("textContent").trim());
            }
        }
        return text.toString();
    }

    /** A GOV.UK date input: the fieldset whose legend reads exactly this text. */
    WebElement dateGroup(String legend) {
        return waitUntil(d -> d.findElements(By.cssSelector("fieldset.date")).stream()
                .filter(f -> f.isDisplayed() && f.findElement(By.tagName("legend")).getText().trim().equals(legend))
                .findFirst().orElse(null));
    }

    /** Types an ISO date (yyyy-mm-dd) into a date input's day, month and year. */
    void fillDate(String legend, String iso) {
        WebElement group = dateGroup(legend);
        String[] parts = iso.split("-");
        String[][] order = {{"day", parts[2]}, {"month", parts[1]}, {"year", parts[0]}};
        for (String[] part : order) {
            WebElement input = group.findElement(By.cssSelector("input.date-" + part[0]));
            input.clear();
            input.sendKeys(part[1]);
        }
    }

    /** The one error of a date input, tied to its fieldset through aria-describedby, once shown. */
    String dateError(String legend) {
        WebElement group = dateGroup(legend);
        waitUntil(d -> !group.findElements(By.cssSelector("input[aria-invalid=true]")).isEmpty());
        StringBuilder text = new StringBuilder();
        for (String id : group.getDomAttribute("aria-describedby").split(" ")) {
            WebElement el = driver.findElement(By.id(id));
            if (el.getDomAttribute("class").contains("field-error")) {
                text.append(el.getDomProperty("textContent").trim());
            }
        }
        return text.toString();
    }

    /** The text of the first element matching the selector, once it shows. */
    String text(String css) {
        return waitUntil(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css))).getText();
    }

    void waitForText(String css, String contains) {
        waitUntil(d -> d.findElements(By.cssSelector(css)).stream().anyMatch(e -> e.getText().contains(contains)));
    }

    <T> T waitUntil(Function<? super org.openqa.selenium.WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(condition);
    }

    Object script(String js, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(js, args);
    }

    String hash() {
        return (String) script("return location.hash");
    }

    Cookie sessionCookie() {
        return driver.manage().getCookieNamed("alongside_session");
    }

    String csrfToken() {
        String stored = (String) script("return sessionStorage.getItem('alongside.session')");
        return stored == null ? null : stored.replaceAll(".*\"csrfToken\":\"([^\"]+)\".*", "$1");
    }

    /**
     * The page as a person checks it: axe-core finds no WCAG 2.2 A/AA or best-practice violation of any impact at
     * desktop width and at 320 px, nothing scrolls sideways at 320 px, and screenshots of both go to the
     * screenshots folder, listed with the axe result in its index.md.
     */
    void check(String name) {
        waitUntil(d -> d.findElements(By.cssSelector("main .loading")).isEmpty());
        List<String> violations = axe();
        screenshot(name);
        Dimension desktop = driver.manage().window().getSize();
        driver.manage().window().setSize(new Dimension(320, 800));
        List<String> narrow;
        long overflow;
        try {
            waitUntil(d -> ((Number) script("return window.innerWidth")).intValue() <= 400);
            overflow = ((Number) script("return document.documentElement.scrollWidth - "
                    + "document.documentElement.clientWidth")).longValue();
            screenshot(name + "-320px");
            narrow = axe();
        } finally {
            driver.manage().window().setSize(desktop);
        }
        ScreenshotIndex.record(SCREENSHOTS, name, violations, narrow, overflow);
        assertEquals(List.of(), violations, "axe-core on " + name);
        assertEquals(List.of(), narrow, "axe-core on " + name + " at 320 px");
        assertTrue(overflow <= 0, name + " scrolls sideways by " + overflow + " px at 320 px wide");
    }

    @SuppressWarnings("unchecked")
    List<String> axe() {
        script(axeSource());
        Object result = ((JavascriptExecutor) driver).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                axe.run(document, { runOnly: { type: 'tag',
                    values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })
                  .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' at '
                      + v.nodes.map(n => n.target.join(' ')).join(', '))))
                  .catch(e => done(['axe failed: ' + e]));""");
        return (List<String>) result;
    }

    void screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** axe-core from the npm registry, installed once by `npm ci` in src/test/axe as the node tests do. */
    private static synchronized String axeSource() {
        if (axeSource == null) {
            try {
                axeSource = Files.readString(new NodeProject(AXE_DIR).install("axe-core").dir()
                        .resolve("node_modules/axe-core/axe.min.js"), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return axeSource;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // A temporary profile left behind is harmless.
            }
        }
    }

    static Map<String, Object> input(Map<String, Object> input) {
        return Map.of("input", input);
    }
}
