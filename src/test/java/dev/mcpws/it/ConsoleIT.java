package dev.mcpws.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mcpws.it.fixtures.FixtureTokens;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The browser console ({@code /console}) in a real headless Chromium driven by Selenium, against the real server: it
 * connects with its token as the {@code mcp.auth.*} subprotocol (this deployment requires a bearer token), picks the
 * 2026-07-28 era by itself and the legacy one when pinned, lists the tools, calls {@code echo}, cancels
 * {@code slow_task} after its first progress, answers an elicitation, reads a resource and a template, gets a prompt, in
 * each era. Screenshots go to {@code target/console/}.
 *
 * <p>Browser: Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them; other paths with
 * {@code -Dconsole.chromium=… -Dconsole.chromedriver=…}). The driver binary is named, so Selenium Manager never
 * downloads anything. Flags this sandbox needs: {@code --no-sandbox} (Chromium refuses to run as root otherwise),
 * {@code --headless=new} (no display), {@code --disable-dev-shm-usage} (a container's small /dev/shm crashes tabs),
 * {@code --disable-gpu}.
 */
@RunAsClient
class ConsoleIT extends McpIT {

    static final String TOKEN = "good-ada";
    static final Duration WAIT = Duration.ofSeconds(30);
    static final Path SHOTS = Path.of("target", "console");

    private static WebDriver browser;

    @Deployment(testable = false)
    static WebArchive deployment() {
        // small pages: the console must follow nextCursor to list every tool
        return testWar("mcp.console.enabled=true\nmcp.list.page-size=10").addClasses(FixtureTokens.class);
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    private static WebDriver browser() {
        if (browser == null) {
            String chromium = System.getProperty("console.chromium", "/usr/bin/chromium");
            String driver = System.getProperty("console.chromedriver", "/usr/bin/chromedriver");
            assertTrue(new File(chromium).canExecute() && new File(driver).canExecute(), "ConsoleIT needs " + chromium
                    + " and " + driver + ": apt-get install -y chromium chromium-driver (.ci/run does)");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium);
            options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                    "--window-size=1440,900", "--no-first-run", "--no-default-browser-check");
            browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
                    .usingAnyFreePort().build(), options);
        }
        return browser;
    }

    // ---- the page itself: off unless enabled (SecureDefaultsIT), same Host/Origin rules as /mcp, strict headers ------

    private RawHttp.Response raw(String method, String path, String hostHeader, String extra) throws IOException {
        return RawHttp.exchange("localhost", base.getPort(), method + " " + base.getPath() + path + " HTTP/1.1\r\nHost: "
                + hostHeader + "\r\nConnection: close\r\n" + extra + "\r\n");
    }

    @Test
    void thePageIsServedUnderTheRulesOfMcp() throws IOException {
        String local = "localhost:" + base.getPort();
        RawHttp.Response redirect = raw("GET", "console", local, "");
        assertEquals(302, redirect.status(), redirect.head());
        assertTrue(redirect.header("Location").endsWith(base.getPath() + "console/"), redirect.head());

        RawHttp.Response page = raw("GET", "console/", local, "");
        assertEquals(200, page.status(), page.head());
        assertTrue(page.body().contains("<title>MCP console</title>"), page.body());
        assertTrue(page.header("Content-Security-Policy").contains("frame-ancestors 'none'"), page.head());
        assertEquals("nosniff", page.header("X-Content-Type-Options"));
        RawHttp.Response script = raw("GET", "console/mcp-client.js", local, "");
        assertEquals(200, script.status(), script.head());
        assertTrue(script.header("Content-Type").contains("javascript"), script.head());

        assertEquals(403, raw("GET", "console/", local, "Origin: http://evil.example\r\n").status());
        assertEquals(200, raw("GET", "console/", local, "Origin: http://allowed.example\r\n").status(),
                "mcp.allowed-origins applies here too");
        assertEquals(403, raw("GET", "console/", "evil.example.com:" + base.getPort(), "").status(),
                "a rebinding Host is refused as on /mcp");
        assertEquals(403, raw("GET", "console/", local,
                "Origin: http://allowed.example\r\nOrigin: http://evil.example\r\n").status(),
                "a repeated Origin is refused as on /mcp, even when one of them is allowed");
        assertEquals(403, raw("GET", "console/", local, "Host: " + local + "\r\n").status(),
                "a repeated Host is refused as on /mcp");
        assertEquals(405, raw("POST", "console/", local, "Content-Length: 0\r\n").status());
    }

    // ---- the console in the browser -------------------------------------------------------------------------------------

    @Test
    void withoutTheTokenTheConsoleCannotConnect() {
        open();
        browser.findElement(By.id("connect")).click();
        WebElement status = browser.findElement(By.id("status"));
        wait(d -> status.getText().startsWith("failed"));
        assertTrue(status.getAttribute("class").contains("failed"), status.getText());
    }

    @Test
    void choosesTheModernEraByItself() {
        scenario("auto", MODERN, "stateless");
    }

    @Test
    void speaksTheLegacyEraWhenPinned() {
        scenario("legacy", LEGACY, "legacy");
    }

    /** Connect, list, echo, slow_task + cancel, an elicitation, a resource: one era. */
    private void scenario(String era, String version, String eraLabel) {
        connect(era, version);
        String who = callTool("whoami", List.of());
        assertEquals("ada", who, "the token reached the verifier as the mcp.auth.* subprotocol");
        assertTrue(browser.findElement(By.id("server-info")).getText().contains("mcp-it"));

        List<String> tools = browser.findElements(By.cssSelector("#tools button[data-tool]")).stream()
                .map(b -> b.getAttribute("data-tool")).toList();
        assertTrue(tools.containsAll(List.of("echo", "slow_task", "ask_name", "calculate")), tools::toString);
        assertEquals("(" + tools.size() + ")", text("tools-count"));
        assertTrue(frames().stream().filter(f -> f.matches("(?s).*→ request #\\d+ tools/list.*")).count() >= 3,
                () -> "the console followed nextCursor: " + frames());

        assertEquals("hello from " + era, callTool("echo", List.of("text", "hello from " + era)));
        assertTrue(frames().stream().anyMatch(f -> f.matches("(?s).*← result #\\d+ tools/call \\(\\d+\\.\\d ms\\).*")),
                () -> "a result frame with its round trip: " + frames());

        cancelSlowTask(eraLabel);
        answerElicitation(era);
        readResource();
        assertEquals("order 7 (" + version + ")", run("#templates button[data-template='it://orders/{id}']",
                "Template it://orders/{id}", List.of("id", "7")), "a template read, expanded from its form");
        assertEquals("Say hello to Ada", run("#prompts button[data-prompt='it_hello']", "Prompt it_hello",
                List.of("who", "Ada")));
        if ("legacy".equals(era)) { // a legacy connection hears notifications/tools/list_changed and lists again
            By added = By.cssSelector("#tools button[data-tool='console_added']");
            assertTrue(browser.findElements(added).isEmpty());
            assertEquals("console_added", callTool("add_tool", List.of("name", "console_added")));
            wait(d -> !browser.findElements(added).isEmpty());
        }
    }

    /** Selects an item, fills its form, runs it and returns the first text block of the result. */
    private String run(String css, String title, List<String> fields) {
        select(css, title);
        fill(fields);
        browser.findElement(By.id("run")).click();
        wait(d -> !text("outcome").startsWith("running") && !text("outcome").isEmpty());
        assertEquals("ok", text("outcome"), () -> text("result"));
        return browser.findElement(By.cssSelector("#result pre.text")).getText();
    }

    private void connect(String era, String version) {
        open();
        browser.findElement(By.id("token")).sendKeys(TOKEN);
        new Select(browser.findElement(By.id("era"))).selectByValue(era);
        browser.findElement(By.id("connect")).click();
        wait(d -> text("status").startsWith("connected") || text("status").startsWith("failed"));
        assertEquals("connected: " + version, text("status").replaceAll(" \\(.*", ""), text("status"));
        wait(d -> !browser.findElements(By.cssSelector("#tools button[data-tool='echo']")).isEmpty());
        wait(d -> !browser.findElements(By.cssSelector("#resources button[data-uri]")).isEmpty());
    }

    private void open() {
        browser().get(base + "console/");
        WebElement url = browser.findElement(By.id("url"));
        wait(d -> !url.getAttribute("value").isEmpty());
        assertEquals(wsUri().toString(), url.getAttribute("value"), "the endpoint is derived from the page's location");
    }

    /** Selects a tool, fills its form (name, value pairs), calls it and returns the text of the result. */
    private String callTool(String name, List<String> fields) {
        return run("#tools button[data-tool='" + name + "']", "Tool " + name, fields);
    }

    private void cancelSlowTask(String eraLabel) {
        String[] labels = {"name=\"slow_task\"", "outcome=\"cancelled\"", "era=\"" + eraLabel + "\""};
        double cancelledBefore = metric("mcp_server_request_duration_seconds_count", labels);
        select("#tools button[data-tool='slow_task']", "Tool slow_task");
        fill(List.of("steps", "1000", "stepMillis", "100"));
        browser.findElement(By.id("run")).click();
        WebElement progress = browser.findElement(By.id("progress-text"));
        wait(d -> progress.getAttribute("data-progress") != null);
        assertTrue(progress.getText().matches("\\d+ / 1000 · step \\d+ of 1000"), progress.getText());
        browser.findElement(By.id("cancel")).click();
        wait(d -> text("outcome").startsWith("cancelled"));
        assertTrue(browser.findElement(By.id("cancel")).getAttribute("disabled") != null);
        assertTrue(frames().stream().anyMatch(f -> f.contains("→ notification notifications/cancelled")), frames()::toString);
        shot(eraLabel + "-cancelled");
        waitFor(() -> metric("mcp_server_request_duration_seconds_count", labels) == cancelledBefore + 1,
                "the server counted slow_task as cancelled");
    }

    private void answerElicitation(String era) {
        select("#tools button[data-tool='ask_name']", "Tool ask_name");
        browser.findElement(By.id("run")).click();
        WebElement dialog = browser.findElement(By.id("elicit"));
        wait(d -> dialog.getAttribute("open") != null);
        assertEquals("What is your name?", text("elicit-message"));
        browser.findElement(By.id("elicit-name")).sendKeys("Ada Lovelace");
        shot(era + "-elicitation");
        browser.findElement(By.id("elicit-accept")).click();
        wait(d -> text("outcome").equals("ok"));
        assertEquals("Hello, Ada Lovelace", browser.findElement(By.cssSelector("#result pre.text")).getText());
        assertTrue(dialog.getAttribute("open") == null);
        String asked = "legacy".equals(era) ? "(?s).*← request #\\S+ elicitation/create.*" : "(?s).*← result #\\d+ tools/call input_required.*";
        assertTrue(frames().stream().anyMatch(f -> f.matches(asked)), () -> asked + " in " + frames());
    }

    private void readResource() {
        select("#resources button[data-uri='it://config']", "Resource it://config");
        browser.findElement(By.id("run")).click();
        wait(d -> text("outcome").equals("ok"));
        String contents = browser.findElement(By.cssSelector("#result pre.text")).getText();
        assertTrue(contents.startsWith("{") && !contents.isBlank(), contents);
        assertFalse(frames().stream().anyMatch(f -> f.contains(TOKEN)), "the token never shows in a frame");
    }

    // ---- helpers ----------------------------------------------------------------------------------------------------------

    private void select(String css, String title) {
        browser.findElement(By.cssSelector(css)).click();
        wait(d -> text("detail-title").equals(title));
    }

    private void fill(List<String> fields) {
        for (int i = 0; i < fields.size(); i += 2) {
            WebElement input = browser.findElement(By.id("arg-" + fields.get(i)));
            input.clear();
            input.sendKeys(fields.get(i + 1));
        }
    }

    private String text(String id) {
        return browser.findElement(By.id(id)).getText();
    }

    /** The summary lines of the frames panel. */
    private List<String> frames() {
        @SuppressWarnings("unchecked")
        List<String> lines = (List<String>) ((JavascriptExecutor) browser).executeScript(
                "return [...document.querySelectorAll('#frames summary')].map(s => s.textContent)");
        return lines;
    }

    private static void wait(java.util.function.Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, WAIT, Duration.ofMillis(50)).until(condition::apply);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition, String what) {
        org.awaitility.Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(condition);
    }

    private static void shot(String name) {
        try {
            Files.createDirectories(SHOTS);
            File f = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
            Files.copy(f.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
