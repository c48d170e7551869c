package io.creditscoring.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.creditscoring.sampledata.SampleData;
import io.creditscoring.testsupport.ServiceClient;
import java.io.File;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.http.MediaType;
import tools.jackson.databind.JsonNode;

/**
 * The operator console in a real browser (Debian's headless chromium) against the real platform: the standalone's
 * PostgreSQL, Kafka broker, four services and console, with german-loans imported and one model trained. The
 * browser signs in with keys of different roles, does a four-eyes promotion with two keys, visits every page,
 * looks up a decision, and fails on any JavaScript console error. Each page's screenshot is written under
 * {@code target/console-screenshots/} (docs/console.md shows them).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // later steps use what earlier ones made
class ConsoleBrowserTest {

    private static final String PORTFOLIO = SampleData.GERMAN_LOANS.portfolio();
    private static final String EMPTY_PORTFOLIO = SampleData.TAIWAN_CARDS.portfolio();
    private static final String APPLICATION = "console-dispute-1";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @TempDir
    static Path dataDir;

    static StandaloneSettings settings;
    static StandalonePlatform platform;
    static String trainerKey;
    static String approverKey;
    static String runId;
    static String failedRunId;
    static String failureReason;
    static int version;
    static ChromeDriver browser;
    /** The page states axe-core has checked (see {@link #assertAccessible}). */
    static final Set<String> checkedPages = new HashSet<>();
    /** What axe-core found, by page: every page is visited before the test that asserts there is nothing. */
    static final Map<String, List<String>> accessibilityViolations = new LinkedHashMap<>();

    @BeforeAll
    static void startPlatformWithATrainedPortfolio() throws Exception {
        settings = FreePorts.settings(dataDir, false);
        platform = StandalonePlatform.start(settings);
        ServiceClient admin = ServiceClient.withKey(settings.scoringPort(), platform.apiKey());
        trainerKey = createKey(admin, "console-trainer", List.of("TRAINER", "READER"));
        approverKey = createKey(admin, "console-approver", List.of("APPROVER", "READER"));

        byte[] csv;
        try (InputStream in = SampleData.GERMAN_LOANS.open()) {
            csv = in.readAllBytes();
        }
        ServiceClient ingestion = ServiceClient.withKey(settings.ingestionPort(), platform.apiKey());
        var imported = ingestion
                .http()
                .post()
                .uri("/v1/portfolios/{p}/imports", PORTFOLIO)
                .contentType(MediaType.valueOf("text/csv"))
                .body(csv)
                .retrieve()
                .toEntity(JsonNode.class);
        assertThat(imported.getStatusCode().value())
                .as("import %s", imported.getBody())
                .isEqualTo(200);
        await().atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> ingestion
                                .get("/v1/portfolios/" + PORTFOLIO + "/stats")
                                .getBody()
                                .path("labeled")
                                .asLong()
                        >= SampleData.GERMAN_LOANS.rows());

        ServiceClient training = ServiceClient.withKey(settings.trainingPort(), platform.apiKey());
        var started = training.postJson(
                "/v1/portfolios/" + PORTFOLIO + "/training-runs", Map.of("algorithms", List.of("LOGISTIC_REGRESSION")));
        assertThat(started.getStatusCode().value())
                .as("run %s", started.getBody())
                .isEqualTo(202);
        runId = started.getBody().path("runId").asString();
        JsonNode run = await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> training.get("/v1/training-runs/" + runId).getBody(),
                        r -> List.of("SUCCEEDED", "FAILED")
                                .contains(r.path("status").asString()));
        assertThat(run.path("status").asString()).as("run %s", run).isEqualTo("SUCCEEDED");
        version = run.path("selectedModelVersion").asInt();

        // a run that fails: the other bundled portfolio has no data
        var failing = training.postJson(
                "/v1/portfolios/" + EMPTY_PORTFOLIO + "/training-runs",
                Map.of("algorithms", List.of("LOGISTIC_REGRESSION")));
        assertThat(failing.getStatusCode().value())
                .as("run %s", failing.getBody())
                .isEqualTo(202);
        failedRunId = failing.getBody().path("runId").asString();
        JsonNode failed = await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> training.get("/v1/training-runs/" + failedRunId).getBody(),
                        r -> List.of("SUCCEEDED", "FAILED")
                                .contains(r.path("status").asString()));
        assertThat(failed.path("status").asString()).as("run %s", failed).isEqualTo("FAILED");
        failureReason = failed.path("failureReason").asString();

        browser = startBrowser();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (platform != null) {
            platform.close();
        }
    }

    @Test
    @Order(1)
    void signInRefusesAnUnknownKeyAndKeepsTheSessionInAStrictHttpOnlyCookieWithCsrfOnEveryForm() throws Exception {
        browser.manage().deleteAllCookies();
        open("/");
        assertThat(browser.getCurrentUrl())
                .as("a page without a session sends to sign-in")
                .endsWith("/sign-in");
        browser.findElement(By.id("apiKey")).sendKeys("not-a-key");
        submit(browser.findElement(By.id("sign-in")));
        assertThat(browser.findElement(By.id("sign-in-error")).getText()).contains("unknown, revoked or expired");
        assertNoBrowserErrors();

        signIn(trainerKey);
        Cookie session = browser.manage().getCookieNamed("CONSOLE_SESSION");
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(browser.findElements(By.cssSelector("form input[name='_csrf']")))
                .as("the sign-out form carries a CSRF token")
                .isNotEmpty();
        assertThat(browser.getPageSource()).doesNotContain(trainerKey);

        // the same session's cookie, but a form post without the token: refused, nothing filed
        HttpResponse<String> forged = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(consoleUrl(
                                        "/portfolios/" + PORTFOLIO + "/models/" + version + "/promotion-requests")))
                                .header("Cookie", "CONSOLE_SESSION=" + session.getValue())
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("alias=champion&reason=forged"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(ServiceClient.withKey(settings.trainingPort(), platform.apiKey())
                        .get("/v1/promotion-requests?portfolio=" + PORTFOLIO)
                        .getBody()
                        .findValuesAsString("reason"))
                .doesNotContain("forged");

        signOut();
        open("/");
        assertThat(browser.getCurrentUrl())
                .as("signed out: the session is gone")
                .endsWith("/sign-in");
    }

    @Test
    @Order(2)
    void fourEyesPromotionWithTwoKeysThenEveryPageAndADecisionLookedUp() throws Exception {
        browser.manage().deleteAllCookies();
        open("/sign-in");
        screenshot("01-sign-in");

        // the first key asks: TRAINER, so the page offers the request form and no approval
        signIn(trainerKey);
        assertThat(browser.findElement(By.id("key-id")).getText()).isEqualTo("console-trainer");
        open("/portfolios/" + PORTFOLIO + "/models");
        assertThat(browser.findElements(By.cssSelector("button.approve")))
                .as("a TRAINER key is not offered approvals")
                .isEmpty();
        WebElement row = browser.findElement(By.cssSelector("#versions tr[data-version='" + version + "']"));
        new Select(row.findElement(By.name("alias"))).selectByValue("champion");
        row.findElement(By.name("reason")).sendKeys("best AUC of the console test run");
        submit(row.findElement(By.cssSelector("form.request-promotion button")));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText())
                .contains("Requested champion for version " + version);
        screenshot("02-models-requested");
        signOut();

        // the second key approves the first key's request and rejects the training policy's own
        signIn(approverKey);
        open("/portfolios/" + PORTFOLIO + "/models");
        WebElement request = pendingRequestBy("console-trainer");
        request.findElement(By.name("comment")).sendKeys("checked the run's metrics");
        submit(request.findElement(By.cssSelector("button.approve")));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("is APPROVED");
        WebElement policyRequest = pendingRequestBy("system:training-policy");
        submit(policyRequest.findElement(By.cssSelector("button.reject")));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("is REJECTED");
        WebElement promotion = browser.findElement(By.cssSelector("#history tbody tr"));
        assertThat(promotion.getText())
                .contains("champion", "console-trainer", "console-approver", "best AUC of the console test run");
        assertThat(browser.findElement(By.cssSelector("#versions tr[data-version='" + version + "'] .tag.champion"))
                        .getText())
                .isEqualTo("champion");
        screenshot("03-models-approved");

        // a scored application, logged by the drift monitor, and a drift window over the traffic
        scoreApplications();
        ServiceClient drift = ServiceClient.withKey(settings.driftPort(), platform.apiKey());
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> drift.get("/v1/portfolios/" + PORTFOLIO + "/decisions/" + APPLICATION)
                                .getStatusCode()
                                .value()
                        == 200);
        var evaluated = drift.postJson("/v1/portfolios/" + PORTFOLIO + "/drift/evaluate", Map.of());
        assertThat(evaluated.getStatusCode().value())
                .as("evaluate %s", evaluated.getBody())
                .isEqualTo(200);

        open("/");
        WebElement card = browser.findElement(By.cssSelector("section.portfolio[data-portfolio='" + PORTFOLIO + "']"));
        assertThat(card.findElement(By.cssSelector("dd.champion")).getText())
                .contains("version " + version, "LOGISTIC_REGRESSION");
        assertThat(card.findElement(By.cssSelector("dd.challenger")).getText())
                .as("the promoted version keeps its challenger alias, but challenges nothing")
                .isEqualTo("none");
        assertThat(card.findElement(By.cssSelector("dd.drift")).getText())
                .contains("window " + evaluated.getBody().path("windowId").asLong());
        assertThat(card.findElement(By.cssSelector("dd.pending")).getText()).isEqualTo("0");
        assertThat(card.findElement(By.cssSelector("dd.failed-runs")).getText()).isEqualTo("none");
        WebElement failure = browser.findElement(By.cssSelector("section.portfolio[data-portfolio='" + EMPTY_PORTFOLIO
                + "'] dd.failed-runs li[data-run='" + failedRunId + "']"));
        assertThat(failure.getText()).contains(failureReason);
        screenshot("04-overview");
        submit(failure.findElement(By.tagName("a")));
        assertThat(browser.getCurrentUrl()).endsWith("/runs/" + failedRunId);
        assertThat(browser.findElement(By.id("run-status")).getText()).isEqualTo("FAILED");
        assertThat(browser.findElements(By.id("run-report")))
                .as("a failed run has no report")
                .isEmpty();

        open("/runs");
        submit(browser.findElement(By.linkText(runId)));
        assertThat(browser.findElement(By.id("run-status")).getText()).isEqualTo("SUCCEEDED");
        assertThat(browser.findElement(By.id("run-models")).getText()).contains("LOGISTIC_REGRESSION");
        assertThat(browser.findElement(By.id("run-algorithms")).getText()).isEqualTo("LOGISTIC_REGRESSION");
        assertThat(browser.findElement(By.id("run-overrides")).getText()).contains("none");
        JsonNode params = ServiceClient.withKey(settings.trainingPort(), platform.apiKey())
                .get("/v1/training-runs/" + runId)
                .getBody()
                .path("params");
        WebElement seed = browser.findElement(By.cssSelector("#run-tracked-params tr[data-param='seed']"));
        assertThat(seed.getAttribute("textContent"))
                .contains(params.path("seed").asString());
        screenshot("06-run");
        assertArtifactPassesThrough();
        submit(browser.findElement(By.id("run-report")));
        assertThat(browser.getCurrentUrl()).endsWith("/runs/" + runId + "/report");
        assertThat(browser.getPageSource()).contains(runId, "ROC").doesNotContain(trainerKey);
        screenshot("19-run-report");
        open("/runs");
        screenshot("05-runs");

        open("/portfolios/" + PORTFOLIO + "/drift");
        assertThat(browser.findElement(By.id("windows")).getText())
                .contains(String.valueOf(evaluated.getBody().path("windowId").asLong()));
        screenshot("07-drift");

        open("/decisions");
        new Select(browser.findElement(By.id("portfolio"))).selectByValue(PORTFOLIO);
        browser.findElement(By.id("applicationId")).sendKeys(APPLICATION);
        submit(browser.findElement(By.id("look-up")));
        WebElement decision = browser.findElement(By.cssSelector("section.decision"));
        assertThat(decision.findElement(By.cssSelector(".model-version")).getText())
                .isEqualTo(String.valueOf(version));
        assertThat(decision.findElement(By.cssSelector(".decision-value")).getText())
                .isIn("APPROVE", "REFER", "DECLINE");
        assertThat(decision.findElements(By.cssSelector("ol.reasons li"))).isNotEmpty();
        assertThat(decision.getText()).contains("credit_amount");
        screenshot("08-decision");

        open("/decisions?portfolio=" + PORTFOLIO + "&applicationId=never-scored");
        assertThat(browser.findElement(By.id("no-decision")).getText()).contains("no decision");
        signOut();
    }

    /**
     * After {@link #fourEyesPromotionWithTwoKeysThenEveryPageAndADecisionLookedUp}: the drift charts need the window
     * it evaluates over scored traffic.
     */
    @Test
    @Order(3)
    void adminKeysAuditLogPortfolioImportAndDriftCharts() throws Exception {
        ServiceClient admin = ServiceClient.withKey(settings.scoringPort(), platform.apiKey());
        String adminKey = createKey(admin, "console-admin", List.of("ADMIN", "READER", "INGESTER"));
        ServiceClient drift = ServiceClient.withKey(settings.driftPort(), platform.apiKey());
        JsonNode windows =
                drift.get("/v1/portfolios/" + PORTFOLIO + "/drift/windows").getBody();
        assertThat(windows.size())
                .as("the four-eyes test evaluated a drift window before this one")
                .isGreaterThanOrEqualTo(1);

        // a key without ADMIN is not offered the administration pages, and is refused them by URL
        browser.manage().deleteAllCookies();
        signIn(trainerKey);
        assertThat(browser.findElements(By.id("nav-audit"))).isEmpty();
        assertThat(browser.findElements(By.id("nav-api-keys"))).isEmpty();
        String trainerSession =
                browser.manage().getCookieNamed("CONSOLE_SESSION").getValue();
        for (String path : List.of("/admin/audit", "/admin/api-keys")) {
            HttpResponse<String> refused = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(consoleUrl(path)))
                                    .header("Cookie", "CONSOLE_SESSION=" + trainerSession)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body()).as(path).doesNotContain("console-approver");
        }
        signOut();

        // the ADMIN key: create a READER key (its secret shown once and working), rotate it, revoke it
        signIn(adminKey);
        submit(browser.findElement(By.id("nav-api-keys")));
        assertThat(browser.findElement(By.cssSelector("#keys tr[data-key='console-approver']"))
                        .getText())
                .contains("APPROVER", "READER", "active");
        screenshot("09-api-keys");
        browser.findElement(By.id("keyId")).sendKeys("console-made-reader");
        browser.findElement(By.id("role-READER")).click();
        submit(browser.findElement(By.id("create")));
        String secret = browser.findElement(By.id("issued-secret")).getDomProperty("value");
        assertThat(secret).startsWith("csk_");
        assertThat(ServiceClient.withKey(settings.scoringPort(), secret)
                        .get("/v1/me")
                        .getBody()
                        .path("keyId")
                        .asString())
                .isEqualTo("console-made-reader");
        screenshot("10-api-key-created");
        open("/admin/api-keys");
        assertThat(browser.getPageSource()).as("the secret is shown once").doesNotContain(secret);

        submit(browser.findElement(By.cssSelector("#keys tr[data-key='console-made-reader'] button.rotate")));
        String rotated = browser.findElement(By.id("issued-secret")).getDomProperty("value");
        assertThat(rotated).startsWith("csk_").isNotEqualTo(secret);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ServiceClient.withKey(settings.ingestionPort(), secret)
                                .get("/v1/me")
                                .getStatusCode()
                                .value()
                        == 401);
        submit(browser.findElement(By.cssSelector("#keys tr[data-key='console-made-reader'] button.revoke")));
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains("Revoked console-made-reader");
        assertThat(browser.findElement(By.cssSelector("#keys tr[data-key='console-made-reader'] .state"))
                        .getText())
                .startsWith("revoked");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> ServiceClient.withKey(settings.trainingPort(), rotated)
                                .get("/v1/me")
                                .getStatusCode()
                                .value()
                        == 401);

        // the audit log shows what the ADMIN key did, filtered by actor and then by action
        submit(browser.findElement(By.id("nav-audit")));
        browser.findElement(By.id("actor")).sendKeys("console-admin");
        submit(browser.findElement(By.id("filter")));
        List<String> actions = browser.findElements(By.cssSelector("#audit tbody tr")).stream()
                .map(r -> r.getDomAttribute("data-action"))
                .toList();
        assertThat(actions).containsSubsequence("api-key.revoke", "api-key.rotate", "api-key.create");
        assertThat(browser.findElements(By.cssSelector("#audit tbody tr")).stream()
                        .map(r -> r.getDomAttribute("data-actor")))
                .containsOnly("console-admin");
        screenshot("11-audit-log");
        browser.findElement(By.id("action")).sendKeys("api-key.rotate");
        submit(browser.findElement(By.id("filter")));
        assertThat(browser.findElements(By.cssSelector("#audit tbody tr")))
                .singleElement()
                .satisfies(r -> assertThat(r.getText()).contains("scoring-api", "console-made-reader"));

        // the portfolio: schema with the protected attribute marked, stored counts, a CSV import with progress
        open("/portfolios/" + PORTFOLIO);
        assertThat(
                        browser
                                .findElements(
                                        By.xpath("//table[@id='schema']//tr[.//span[contains(@class, 'protected')]]"))
                                .stream()
                                .map(r -> r.getDomAttribute("data-feature")))
                .as("german-loans.yaml marks these three protected")
                .containsExactlyInAnyOrder("personal_status", "age", "foreign_worker");
        assertThat(Long.parseLong(browser.findElement(By.cssSelector("#stats .applications"))
                        .getText()))
                .isGreaterThanOrEqualTo(SampleData.GERMAN_LOANS.rows());
        Path csv = dataDir.resolve("console-import.csv");
        try (InputStream in = SampleData.GERMAN_LOANS.open()) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .lines()
                    .limit(50)
                    .toList();
            Files.write(csv, lines);
        }
        browser.findElement(By.id("csv-file")).sendKeys(csv.toAbsolutePath().toString());
        browser.findElement(By.id("import")).click();
        new WebDriverWait(browser, Duration.ofMinutes(1))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("import-result")));
        assertThat(browser.findElement(By.id("import-rows")).getText()).isEqualTo("50");
        assertThat(browser.findElement(By.id("import-applications")).getText()).isEqualTo("50");
        assertThat(browser.findElement(By.id("import-rejected")).getText()).isEqualTo("0");
        // the rows ingestion counted, polled while uploading and set from the answer at the end
        assertThat(browser.findElement(By.id("import-counted-rows")).getText()).isEqualTo("50");
        assertThat(browser.findElement(By.id("import-progress")).getDomProperty("value"))
                .isEqualTo(browser.findElement(By.id("import-progress")).getDomProperty("max"));
        assertThat(browser.findElement(By.id("import-status")).getText()).isEqualTo("Imported.");
        screenshot("12-portfolio");

        // drift over time: one point per window, each feature's history, each window's report through the console
        open("/portfolios/" + PORTFOLIO + "/drift");
        assertThat(browser.findElements(By.cssSelector("#chart-drift-share svg circle")))
                .hasSize(windows.size());
        assertThat(browser.findElements(By.cssSelector("#chart-score-psi svg circle")))
                .hasSize(windows.size());
        assertThat(browser.findElement(By.id("no-auc")).getText()).contains("matured outcomes");
        screenshot("07-drift");
        submit(browser.findElement(By.cssSelector("#features tr[data-feature='credit_amount'] a.feature-history")));
        assertThat(browser.findElements(By.cssSelector("#history tbody tr"))).hasSize(windows.size());
        assertThat(browser.findElements(By.cssSelector("#chart-feature svg circle")))
                .hasSize(windows.size());
        screenshot("13-drift-feature");
        open("/portfolios/" + PORTFOLIO + "/drift");
        long windowId = windows.get(0).path("windowId").asLong();
        submit(browser.findElement(By.cssSelector("#windows tr[data-window='" + windowId + "'] a.report")));
        assertThat(browser.getCurrentUrl()).endsWith("/drift/windows/" + windowId + "/report");
        assertThat(browser.getPageSource()).contains(PORTFOLIO).doesNotContain(adminKey);
        screenshot("14-drift-report");
        open("/");
        signOut();
    }

    @Test
    @Order(4)
    void runsAreStartedFromTheFormFilteredAndCompared() throws Exception {
        browser.manage().deleteAllCookies();
        ServiceClient training = ServiceClient.withKey(settings.trainingPort(), platform.apiKey());

        // an APPROVER key without TRAINER is not offered the start-run form, and cannot reach it
        signIn(approverKey);
        open("/runs");
        assertThat(browser.findElements(By.id("start-run"))).isEmpty();
        open("/runs/new");
        assertThat(browser.getCurrentUrl()).endsWith("/runs");
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("TRAINER");
        signOut();

        // the TRAINER key starts a run with overrides; a bad one comes back with the service's reason
        signIn(trainerKey);
        open("/runs");
        submit(browser.findElement(By.id("start-run")));
        new Select(browser.findElement(By.id("run-portfolio"))).selectByValue(PORTFOLIO);
        browser.findElement(By.id("alg-LOGISTIC_REGRESSION")).click();
        browser.findElement(By.id("run-params")).sendKeys("search.trials=1\nxgboost.depth=3");
        submit(browser.findElement(By.id("start-run-submit")));
        assertThat(browser.findElement(By.cssSelector(".problem")).getText()).contains("xgboost.depth");
        WebElement params = browser.findElement(By.id("run-params"));
        params.clear();
        params.sendKeys("search.trials=1\nlogisticRegression.lambda=3");
        assertThat(browser.findElement(By.id("alg-LOGISTIC_REGRESSION")).isSelected())
                .as("the refused form comes back as filled in")
                .isTrue();
        screenshot("15-start-run");
        submit(browser.findElement(By.id("start-run-submit")));
        assertThat(browser.getCurrentUrl()).contains("/runs/");
        String secondRunId =
                browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains(secondRunId);
        JsonNode second = await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> training.get("/v1/training-runs/" + secondRunId).getBody(),
                        r -> List.of("SUCCEEDED", "FAILED")
                                .contains(r.path("status").asString()));
        assertThat(second.path("status").asString()).as("run %s", second).isEqualTo("SUCCEEDED");
        assertThat(second.path("requestedBy").asString()).isEqualTo("console-trainer");
        rejectPendingRequestsOf(training, second.path("selectedModelVersion").asInt());

        // the filter form is a GET: the filtered view is a link
        open("/runs");
        new Select(browser.findElement(By.id("f-portfolio"))).selectByValue(PORTFOLIO);
        new Select(browser.findElement(By.id("f-status"))).selectByValue("SUCCEEDED");
        browser.findElement(By.id("f-q")).sendKeys("lambda=3");
        submit(browser.findElement(By.id("filter-runs")));
        assertThat(browser.getCurrentUrl()).contains("portfolio=" + PORTFOLIO, "status=SUCCEEDED", "q=lambda");
        assertThat(runRows()).containsExactly(secondRunId);
        screenshot("16-runs-filtered");
        open("/runs?portfolio=" + PORTFOLIO + "&status=FAILED");
        assertThat(runRows()).isEmpty();

        // both runs ticked and compared: the metrics of each, one ROC and one KS curve per run
        open("/runs?portfolio=" + PORTFOLIO + "&from=2000-01-01");
        assertThat(runRows()).contains(runId, secondRunId);
        browser.findElement(By.id("cmp-" + runId)).click();
        browser.findElement(By.id("cmp-" + secondRunId)).click();
        submit(browser.findElement(By.id("compare-runs")));
        assertThat(browser.findElements(By.cssSelector("#compare-metrics tbody tr")).stream()
                        .map(tr -> tr.getAttribute("data-run"))
                        .toList())
                .containsExactlyInAnyOrder(runId, secondRunId);
        assertThat(browser.findElement(By.id("compare-metrics")).getText()).contains("LOGISTIC_REGRESSION");
        assertThat(browser.findElements(By.cssSelector("#roc-chart polyline"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#ks-chart polyline"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#ks-chart circle"))).hasSize(2);
        assertThat(browser.findElements(By.id("curves-missing"))).isEmpty();
        // whether both were evaluated on the same test applications, as their lineage says
        String firstSplit = training.get("/v1/training-runs/" + runId)
                .getBody()
                .at("/lineage/testIdsSha256")
                .asString();
        String secondSplit = second.at("/lineage/testIdsSha256").asString();
        assertThat(firstSplit).hasSize(64);
        assertThat(browser.findElement(By.id("test-split-note")).getText())
                .contains(firstSplit.equals(secondSplit) ? "same test applications" : "different test applications");
        assertThat(browser.findElement(By.id("compared-runs")).getText())
                .contains(firstSplit.substring(0, 12), secondSplit.substring(0, 12));
        screenshot("17-compare");
        signOut();
    }

    /**
     * Sign-in and the start-run form with the keyboard alone (Tab, Shift-Tab, typing, Space, Enter; no click): every
     * control the Tab key reaches shows a visible focus outline, and the forms do what they do with the mouse.
     */
    @Test
    @Order(5)
    void signInAndStartARunWithTheKeyboardAlone() throws Exception {
        browser.manage().deleteAllCookies();
        open("/sign-in");
        assertThat(focusedId()).as("the key field has focus on arrival").isEqualTo("apiKey");
        keys(trainerKey);
        tabTo("sign-in", false);
        tabTo("apiKey", true);
        tabTo("sign-in", false);
        awaitNextPage(() -> keys(Keys.ENTER));
        assertThat(browser.getCurrentUrl()).endsWith(":" + settings.consolePort() + "/");
        assertThat(browser.findElement(By.id("key-id")).getText()).isEqualTo("console-trainer");

        open("/runs/new");
        tabTo("run-portfolio", false);
        keys(PORTFOLIO); // a closed select's type-ahead chooses the option
        assertThat(browser.findElement(By.id("run-portfolio")).getDomProperty("value"))
                .isEqualTo(PORTFOLIO);
        tabTo("alg-LOGISTIC_REGRESSION", false);
        keys(Keys.SPACE);
        assertThat(browser.findElement(By.id("alg-LOGISTIC_REGRESSION")).isSelected())
                .isTrue();
        tabTo("run-params", false);
        keys("search.trials=1", Keys.ENTER, "logisticRegression.lambda=2");
        tabTo("start-run-submit", false);
        screenshot("18-keyboard-start-run");
        tabTo("run-params", true);
        tabTo("start-run-submit", false);
        awaitNextPage(() -> keys(Keys.ENTER));
        assertThat(browser.getCurrentUrl()).contains("/runs/");
        String keyboardRunId =
                browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(browser.findElement(By.cssSelector(".notice")).getText()).contains(keyboardRunId);
        assertThat(browser.findElement(By.id("run-overrides")).getText())
                .contains("logisticRegression.lambda=2", "search.trials=1");

        ServiceClient training = ServiceClient.withKey(settings.trainingPort(), platform.apiKey());
        JsonNode run = await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(1))
                .until(
                        () -> training.get("/v1/training-runs/" + keyboardRunId).getBody(),
                        r -> List.of("SUCCEEDED", "FAILED")
                                .contains(r.path("status").asString()));
        assertThat(run.path("requestedBy").asString()).isEqualTo("console-trainer");
        assertThat(run.path("algorithms").toString()).contains("LOGISTIC_REGRESSION");
        assertThat(run.at("/overrides/logisticRegression.lambda").asInt()).isEqualTo(2);
        if (run.path("selectedModelVersion").isInt()) {
            rejectPendingRequestsOf(training, run.path("selectedModelVersion").asInt());
        }
        signOut();
    }

    /**
     * Reports and artifacts are passed through for READER keys only: a key with APPROVER alone, signed in, is refused
     * the run's report, the window's report and the ONNX download by the console's own 403 page, before any service
     * is called (the services would refuse it too, with their own page).
     */
    @Test
    @Order(6)
    void reportsAndArtifactsAreRefusedToAKeyWithoutReader() throws Exception {
        ServiceClient admin = ServiceClient.withKey(settings.scoringPort(), platform.apiKey());
        String approverOnly = createKey(admin, "console-approver-only", List.of("APPROVER"));
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> form = http.send(
                HttpRequest.newBuilder(URI.create(consoleUrl("/sign-in"))).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
                .matcher(form.body());
        assertThat(csrf.find()).as("the sign-in form's CSRF token").isTrue();
        HttpResponse<String> signedIn = http.send(
                HttpRequest.newBuilder(URI.create(consoleUrl("/sign-in")))
                        .header("Cookie", cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("_csrf="
                                + java.net.URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8) + "&apiKey="
                                + java.net.URLEncoder.encode(approverOnly, StandardCharsets.UTF_8)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).as("signed in: sent on").isEqualTo(302);
        assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("sign-in");
        String session =
                signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";")[0];
        long windowId = ServiceClient.withKey(settings.driftPort(), platform.apiKey())
                .get("/v1/portfolios/" + PORTFOLIO + "/drift/windows")
                .getBody()
                .get(0)
                .path("windowId")
                .asLong();
        for (String path : List.of(
                "/runs/" + runId + "/report",
                "/portfolios/" + PORTFOLIO + "/drift/windows/" + windowId + "/report",
                "/portfolios/" + PORTFOLIO + "/models/" + version + "/artifact")) {
            HttpResponse<String> refused = http.send(
                    HttpRequest.newBuilder(URI.create(consoleUrl(path)))
                            .header("Cookie", session)
                            .header("Accept", "text/html")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).as(path).isEqualTo(403);
            assertThat(refused.body())
                    .as("refused by the console itself, before any service is asked")
                    .contains("id=\"forbidden\"")
                    .doesNotContain("id=\"service-error\"");
        }
    }

    /**
     * Every page fits a phone's width (420 CSS pixels): the page itself never scrolls sideways; a table too wide for
     * the screen wraps its cells or scrolls inside its own box.
     */
    @Test
    @Order(7)
    void everyPageFitsANarrowWindowWithoutScrollingSideways() throws Exception {
        signIn(platform.apiKey());
        browser.manage().window().setSize(new Dimension(420, 900));
        try {
            Map<String, String> overflowing = new LinkedHashMap<>();
            for (String path : List.of(
                    "/",
                    "/runs",
                    "/runs/" + runId,
                    "/runs/new",
                    "/portfolios/" + PORTFOLIO,
                    "/portfolios/" + PORTFOLIO + "/models",
                    "/portfolios/" + PORTFOLIO + "/drift",
                    "/decisions?portfolio=" + PORTFOLIO + "&applicationId=" + APPLICATION,
                    "/admin/audit",
                    "/admin/api-keys")) {
                open(path);
                Object widest = browser.executeScript("""
                        const width = document.documentElement.clientWidth;
                        if (document.documentElement.scrollWidth <= width) return null;
                        const over = [...document.body.querySelectorAll('*')]
                            .filter(e => e.getBoundingClientRect().right > width + 1)
                            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
                                + (e.className && typeof e.className === 'string' ? '.' + e.className : ''));
                        return document.documentElement.scrollWidth + ' px wide in ' + width + ': '
                            + over.slice(0, 6).join(', ')""");
                if (widest != null) {
                    overflowing.put(path, widest.toString());
                }
            }
            open("/runs/" + runId);
            screenshot("20-run-narrow");
            assertThat(overflowing).as("pages wider than a 420 px window").isEmpty();
        } finally {
            browser.manage().window().setSize(new Dimension(1400, 1100));
            signOut();
        }
    }

    /** Keys typed into whatever has focus. */
    private static void keys(CharSequence... keys) {
        new Actions(browser).sendKeys(keys).perform();
    }

    /**
     * Presses Tab (or Shift-Tab) until the element with the id has focus, checking that each element reached on the
     * way shows a focus outline.
     */
    private static void tabTo(String id, boolean backwards) {
        for (int i = 0; i < 60; i++) {
            if (backwards) {
                new Actions(browser)
                        .keyDown(Keys.SHIFT)
                        .sendKeys(Keys.TAB)
                        .keyUp(Keys.SHIFT)
                        .perform();
            } else {
                keys(Keys.TAB);
            }
            Object invisible = browser.executeScript("""
                    const e = document.activeElement;
                    if (!e || e === document.body) return 'nothing has focus';
                    const s = getComputedStyle(e);
                    return e.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2
                        ? null : (e.id || e.outerHTML.slice(0, 80)) + ': outline ' + s.outlineStyle + ' ' + s.outlineWidth""");
            assertThat(invisible)
                    .as("focus is visible on %s", browser.getCurrentUrl())
                    .isNull();
            if (id.equals(focusedId())) {
                return;
            }
        }
        throw new AssertionError("the Tab key never reached #" + id + " on " + browser.getCurrentUrl());
    }

    private static String focusedId() {
        return (String) browser.executeScript("return document.activeElement && document.activeElement.id");
    }

    /**
     * Runs last: axe-core checked every page the other tests visited, in each state they saw it (signed out, as each
     * role, after each form's answer, refusals included), and found no serious or critical violation.
     */
    @Test
    @Order(99)
    void axeCoreFindsNoSeriousOrCriticalViolationOnAnyPage() {
        assertThat(accessibilityViolations)
                .as("axe-core %s serious or critical violations, by page", AxeCore.VERSION)
                .isEmpty();
        assertThat(checkedPages)
                .as("the pages checked")
                .anyMatch(p -> p.startsWith("/sign-in"))
                .anyMatch(p -> p.startsWith("/runs/compare"))
                .anyMatch(p -> p.startsWith("/admin/api-keys"))
                .anyMatch(p -> p.endsWith("/report notice=false problem=false dialog=false"))
                .hasSizeGreaterThan(20);
    }

    /** The run ids listed on the runs page, top to bottom. */
    private static List<String> runRows() {
        return browser.findElements(By.cssSelector("#runs tbody tr")).stream()
                .map(tr -> tr.getAttribute("data-run"))
                .toList();
    }

    /**
     * Rejects the promotion requests the training policy filed for a version, so that what this test trains leaves
     * the other tests' four-eyes steps and pending counts as they expect, whichever order the methods run in.
     */
    private static void rejectPendingRequestsOf(ServiceClient training, int modelVersion) {
        JsonNode pending = training.get("/v1/promotion-requests?portfolio=" + PORTFOLIO + "&status=PENDING")
                .getBody();
        for (JsonNode request : pending) {
            if (request.path("modelVersion").asInt() == modelVersion) {
                var rejected = training.postJson(
                        "/v1/promotion-requests/" + request.path("requestId").asString() + "/reject",
                        Map.of("comment", "console browser test: a second run, not for promotion"));
                assertThat(rejected.getStatusCode().value())
                        .as("reject %s", rejected.getBody())
                        .isEqualTo(200);
            }
        }
    }

    /**
     * The selected model's ONNX artifact, downloaded through the console with the browser's session (the key stays on
     * the server): the training service's bytes, file name and sha256.
     */
    private static void assertArtifactPassesThrough() throws Exception {
        WebElement link = browser.findElement(By.cssSelector("#run-models a.artifact"));
        String session = browser.manage().getCookieNamed("CONSOLE_SESSION").getValue();
        HttpResponse<byte[]> viaConsole = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(link.getAttribute("href")))
                                .header("Cookie", "CONSOLE_SESSION=" + session)
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(viaConsole.statusCode()).isEqualTo(200);
        HttpResponse<byte[]> direct = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + settings.trainingPort()
                                        + "/v1/portfolios/" + PORTFOLIO + "/models/" + version + "/artifact"))
                                .header("X-API-Key", platform.apiKey())
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(direct.statusCode()).isEqualTo(200);
        assertThat(viaConsole.body()).isEqualTo(direct.body());
        assertThat(viaConsole.headers().firstValue("X-Artifact-SHA256"))
                .isEqualTo(direct.headers().firstValue("X-Artifact-SHA256"))
                .isPresent();
        assertThat(viaConsole.headers().firstValue("Content-Disposition").orElseThrow())
                .contains("attachment", PORTFOLIO + "-v" + version + ".onnx");
    }

    /** The PENDING request row filed by a key, on the models page. */
    private static WebElement pendingRequestBy(String keyId) {
        return browser.findElement(
                By.xpath("//table[@id='requests']//tr[@data-status='PENDING' and td[4]='" + keyId + "']"));
    }

    /** Scores the dispute's application and a few more, once scoring-api serves the approved champion. */
    private static void scoreApplications() {
        ServiceClient scoring = ServiceClient.withKey(settings.scoringPort(), platform.apiKey());
        Map<String, Object> features = validFeatures();
        await().atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> scoring.postJson(
                                        "/v1/portfolios/" + PORTFOLIO + "/score",
                                        Map.of("applicationId", APPLICATION, "features", features))
                                .getBody()
                                .path("modelVersion")
                                .asInt(-1)
                        == version);
        for (int i = 0; i < 20; i++) {
            Map<String, Object> more = new LinkedHashMap<>(features);
            more.put("duration", 6 + i);
            var scored = scoring.postJson(
                    "/v1/portfolios/" + PORTFOLIO + "/score",
                    Map.of("applicationId", "console-traffic-" + i, "features", more));
            assertThat(scored.getStatusCode().value()).isEqualTo(200);
        }
    }

    /** An application every feature of the registered schema accepts: its minimum, or its first category. */
    private static Map<String, Object> validFeatures() {
        JsonNode schema = ServiceClient.withKey(settings.ingestionPort(), platform.apiKey())
                .get("/v1/portfolios/" + PORTFOLIO)
                .getBody()
                .path("schema");
        Map<String, Object> features = new LinkedHashMap<>();
        for (JsonNode feature : schema.path("features")) {
            String name = feature.path("name").asString();
            if (feature.path("type").asString().equalsIgnoreCase("categorical")) {
                features.put(name, feature.path("categories").get(0).asString());
            } else {
                features.put(name, feature.has("min") ? feature.path("min").asDouble() + 1 : 1);
            }
        }
        features.put("credit_amount", 2500);
        return features;
    }

    private static String createKey(ServiceClient admin, String keyId, List<String> roles) {
        var created = admin.postJson("/v1/admin/api-keys", Map.of("keyId", keyId, "roles", roles));
        assertThat(created.getStatusCode().value())
                .as("key %s", created.getBody())
                .isEqualTo(201);
        return created.getBody().path("apiKey").asString();
    }

    private static void signIn(String apiKey) {
        open("/sign-in");
        browser.findElement(By.id("apiKey")).sendKeys(apiKey);
        submit(browser.findElement(By.id("sign-in")));
        assertThat(browser.getCurrentUrl()).endsWith(":" + settings.consolePort() + "/");
        assertNoBrowserErrors();
    }

    private static void signOut() {
        submit(browser.findElement(By.id("sign-out")));
        assertThat(browser.getCurrentUrl()).contains("/sign-in?signedOut");
        assertNoBrowserErrors();
    }

    /**
     * Clicks a button or link that leads to another page, and waits until another document has loaded. The page it
     * was on is marked first: asking chromedriver whether the clicked element went stale races with the navigation
     * (it may answer "node does not belong to the document" instead of "stale"), while the mark is simply absent
     * from the next document.
     */
    private static void submit(WebElement element) {
        awaitNextPage(element::click);
    }

    /** Does what leads to another page (a click, a key), and waits until another document has loaded. */
    private static void awaitNextPage(Runnable action) {
        browser.executeScript("document.documentElement.dataset.leaving = 'true'");
        action.run();
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .ignoring(WebDriverException.class) // a script run while the document changes may fail: ask again
                .until(driver -> Boolean.TRUE.equals(browser.executeScript(
                        "return document.readyState === 'complete' && !document.documentElement.dataset.leaving")));
        assertNoBrowserErrors();
        assertAccessible();
    }

    private static void open(String path) {
        browser.get(consoleUrl(path));
        assertNoBrowserErrors();
        assertAccessible();
    }

    /**
     * axe-core finds no serious or critical violation on the page. Each page is checked once per state it is seen in
     * (its path with ids left out, its query, whether it shows a notice or a problem), which keeps the test short
     * while every page and every kind of answer a form gets is checked.
     */
    private static void assertAccessible() {
        String state = (String) browser.executeScript("""
                return location.pathname.replace(/[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}|\\b[0-9]+\\b/g, '{id}')
                    + location.search.replace(/=[^&]*/g, '') + ' notice=' + !!document.querySelector('.notice')
                    + ' problem=' + !!document.querySelector('.problem') + ' dialog=' + !!document.querySelector('#issued')""");
        if (checkedPages.add(state)) {
            List<String> found = "null".equals(browser.executeScript("return window.origin"))
                    ? axeOnSandboxedPage()
                    : AxeCore.violations(browser);
            if (!found.isEmpty()) {
                accessibilityViolations.put(browser.getCurrentUrl(), found);
            }
        }
    }

    /**
     * A report passed through under its sandbox CSP runs no script of its own, so axe cannot run in it: its document,
     * as the browser parsed it, is checked in a tab of its own without that policy, then the tab is closed.
     */
    private static List<String> axeOnSandboxedPage() {
        String html = browser.getPageSource();
        String reportTab = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        try {
            browser.get("data:text/html;charset=utf-8;base64,"
                    + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
            return AxeCore.violations(browser);
        } finally {
            browser.close();
            browser.switchTo().window(reportTab);
        }
    }

    private static String consoleUrl(String path) {
        return "http://localhost:" + settings.consolePort() + path;
    }

    /** Every SEVERE entry of the browser's console since the last check fails the test (script errors, 4xx/5xx). */
    private static void assertNoBrowserErrors() {
        List<LogEntry> severe = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .toList();
        assertThat(severe)
                .as("browser console errors on %s", browser.getCurrentUrl())
                .isEmpty();
    }

    private static void screenshot(String name) throws Exception {
        assertNoBrowserErrors();
        Files.createDirectories(SCREENSHOTS);
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    private static ChromeDriver startBrowser() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        // as root on a build machine: no sandbox; /dev/shm may be small
        options.addArguments(
                "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1400,1100", "--lang=en");
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver"))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        return driver;
    }
}
