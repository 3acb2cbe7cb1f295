package dev.kordon.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real Chromium (Debian's, driven by its own chromedriver through Selenium; the
 * driver path is given, so Selenium Manager never looks for a download). One server and one browser
 * for the class; the tests run in order as a user would: log in, look, follow, filter. Every page
 * must leave no console error (CSP violations included) and pass axe-core.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  @TempDir static Path dir;
  private static ServerHarness s;
  private static ChromeDriver browser;
  private static String readToken;
  private static String axe;

  @BeforeAll
  static void start() throws Exception {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String note =
          "Chromium or chromedriver not installed ("
              + CHROMIUM
              + ", "
              + CHROMEDRIVER
              + "): skipping the browser tests";
      System.err.println("NOTE: " + note);
      Assumptions.abort(note);
    }
    try (InputStream in = DashboardBrowserTest.class.getResourceAsStream("/axe/axe.min.js")) {
      axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    s = new ServerHarness(dir, ServerOptions.DEFAULT_MAX_UPLOAD);
    String upload = s.token("ci", "upload");
    readToken = s.token("viewer", "read");
    assertThat(s.upload("prod", TestReports.bytes("insecure"), upload).statusCode()).isEqualTo(201);
    assertThat(s.upload("prod", TestReports.bytes("hardened"), upload).statusCode()).isEqualTo(201);
    assertThat(s.upload("staging", TestReports.bytes("insecure"), upload).statusCode())
        .isEqualTo(201);

    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--user-data-dir=" + dir.resolve("chromium"));
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (s != null) {
      s.close();
    }
  }

  @AfterEach
  void noConsoleErrorsAndNoAccessibilityViolations() {
    assertThat(axeViolations()).as("axe-core on " + browser.getCurrentUrl()).isEmpty();
    List<String> severe =
        browser.manage().logs().get(LogType.BROWSER).getAll().stream()
            .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
            .map(LogEntry::getMessage)
            .toList();
    assertThat(severe).as("console errors and warnings").isEmpty();
  }

  private static List<?> axeViolations() {
    JavascriptExecutor js = browser;
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
      js.executeScript(axe);
    }
    Object result =
        js.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "axe.run(document).then(function (r) {"
                + "  done(r.violations.map(function (v) {"
                + "    return v.id + ': ' + v.nodes.map(function (n) { return n.target; })"
                + "      .join(' '); }));"
                + "}, function (e) { done(['axe failed: ' + e]); });");
    return (List<?>) result;
  }

  private static void open(String path) {
    browser.get(s.base() + path);
  }

  private static WebDriverWait waiting() {
    return new WebDriverWait(browser, Duration.ofSeconds(10));
  }

  @Test
  @Order(1)
  void aVisitorIsSentToTheLoginFormAndLogsInWithAToken() {
    open("/clusters/prod");
    assertThat(browser.getCurrentUrl()).contains("/login?next=");
    assertThat(axeViolations()).as("axe-core on the login form").isEmpty();
    browser.findElement(By.id("token")).sendKeys("kdn_wrong");
    browser.findElement(By.cssSelector("form[action='/login'] button")).click();
    // the click submits the form: wait for the answer page rather than racing the browser
    WebElement alert =
        waiting()
            .until(
                d ->
                    d.findElements(By.cssSelector("[role=alert]")).stream()
                        .findFirst()
                        .orElse(null));
    assertThat(alert.getText()).contains("unknown");
    browser.manage().logs().get(LogType.BROWSER); // the 401 of a wrong token is expected
    browser.findElement(By.id("token")).sendKeys(readToken);
    browser.findElement(By.cssSelector("form[action='/login'] button")).click();
    waiting().until(d -> d.getCurrentUrl().endsWith("/clusters/prod"));
    assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Cluster prod");
  }

  @Test
  @Order(2)
  void theFleetShowsEveryClusterWithItsTrend() {
    open("/");
    List<WebElement> rows = browser.findElements(By.cssSelector("table.fleet tbody tr"));
    assertThat(rows).hasSize(2);
    WebElement prod = rows.get(0);
    assertThat(prod.findElement(By.tagName("th")).getText()).isEqualTo("prod");
    List<WebElement> cells = prod.findElements(By.tagName("td"));
    // latest report, failing, critical, high, medium, low, new, fixed
    assertThat(cells.get(1).getText()).isEqualTo("4");
    assertThat(cells.get(6).getText()).isEqualTo("3");
    assertThat(cells.get(7).getText()).isEqualTo("150");
    String points =
        prod.findElement(By.cssSelector("svg.spark polyline")).getDomAttribute("points");
    assertThat(points.trim().split(" ")).hasSize(2);
  }

  @Test
  @Order(3)
  void aClusterShowsTheTrendAndWhatChangedSinceThePreviousReport() {
    open("/");
    browser.findElement(By.linkText("prod")).click();
    assertThat(browser.findElement(By.id("new-count")).getText()).isEqualTo("3 new");
    assertThat(browser.findElement(By.id("fixed-count")).getText()).isEqualTo("150 fixed");
    WebElement trend = browser.findElement(By.cssSelector("svg#trend"));
    assertThat(trend.findElement(By.cssSelector("polyline.line")).getDomAttribute("points").trim())
        .matches("\\S+ \\S+");
    assertThat(trend.findElement(By.tagName("desc")).getDomProperty("textContent"))
        .contains("failing findings went from 151 to 4");
    // the RBAC and NetworkPolicy summaries of the latest report (examples/hardened)
    assertThat(browser.findElement(By.id("rbac")).getText()).isEqualTo("RBAC");
    assertThat(browser.findElement(By.id("network-policies")).getText())
        .isEqualTo("NetworkPolicies");
    assertThat(browser.findElement(By.cssSelector("tr#netpol-policies td")).getText())
        .isEqualTo("6");
    assertThat(browser.findElement(By.cssSelector("tr#rbac-clusterAdminEquivalent td")).getText())
        .isEqualTo("0");
  }

  @Test
  @Order(4)
  void aNewFindingLeadsToItsPageWithHistory() {
    open("/clusters/prod");
    WebElement first =
        browser.findElement(
            By.xpath("//h2[@id='new']/following-sibling::table[1]//tbody/tr[1]/td[3]/a"));
    String resource = first.getText();
    first.click();
    assertThat(browser.findElement(By.tagName("h1")).getText()).matches("KOR-\\d{4}: .+");
    String page = browser.findElement(By.tagName("main")).getText();
    assertThat(page).contains(resource).contains("First seen").contains("Remediation");
    assertThat(page).contains("No exception covers this finding.");
    assertThat(browser.findElements(By.cssSelector("main table tbody tr"))).hasSize(1);
    assertThat(page).contains("still open");
  }

  @Test
  @Order(5)
  void filtersNarrowTheFindingsAndKeepADeepLink() {
    open("/findings");
    assertThat(browser.findElement(By.id("result-count")).getText()).startsWith("155 findings");
    new Select(browser.findElement(By.id("f-cluster"))).selectByValue("staging");
    waiting().until(d -> d.getCurrentUrl().contains("cluster=staging"));
    new Select(browser.findElement(By.id("f-severity"))).selectByValue("critical");
    waiting().until(d -> d.getCurrentUrl().contains("severity=critical"));
    assertThat(browser.findElement(By.id("result-count")).getText()).startsWith("5 findings");
    assertThat(browser.findElements(By.cssSelector("table.findings tbody tr"))).hasSize(5);
    String deepLink = browser.getCurrentUrl();
    open("/");
    browser.get(deepLink);
    assertThat(browser.findElement(By.id("result-count")).getText()).startsWith("5 findings");
    // and the form works without its script: the button submits the text filter
    WebElement text = browser.findElement(By.id("f-q"));
    text.sendKeys("no finding says this");
    browser.findElement(By.cssSelector("#filters button")).click();
    waiting().until(d -> d.getCurrentUrl().contains("q=no"));
    assertThat(browser.findElement(By.id("result-count")).getText()).startsWith("0 findings");
  }

  @Test
  @Order(6)
  void pagingWalksThroughTheFindings() throws IOException {
    open("/findings?state=all");
    assertThat(browser.findElement(By.id("result-count")).getText()).contains("page 1 of 7");
    browser.findElement(By.linkText("Next page")).click();
    assertThat(browser.findElement(By.id("result-count")).getText()).contains("page 2 of 7");
    assertThat(browser.findElements(By.cssSelector("table.findings tbody tr"))).hasSize(50);
  }
}
