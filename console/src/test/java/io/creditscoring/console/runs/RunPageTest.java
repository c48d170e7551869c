package io.creditscoring.console.runs;

import static org.assertj.core.api.Assertions.assertThat;

import io.creditscoring.console.signin.ConsoleUser;
import io.creditscoring.console.web.Format;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockServletContext;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The run page's template ({@code templates/run.html}) rendered by Thymeleaf with Spring's expressions, as the
 * console's view renders it, from a run view shaped like the training service's answer: what the page shows of a run
 * that read a data set at a path, without starting the platform (the browser test does that).
 */
class RunPageTest {

    private static final SpringTemplateEngine TEMPLATES = templates();

    private static SpringTemplateEngine templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("templates/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }

    /** The page as the console sends it: {@code run} and {@code source} as {@code RunsController.run} sets them. */
    static String render(Map<String, Object> run) {
        StaticApplicationContext beans = new StaticApplicationContext();
        beans.registerSingleton("fmt", Format.class);
        beans.refresh();
        MockServletContext servlet = new MockServletContext();
        WebContext context = new WebContext(
                JakartaServletWebApplication.buildApplication(servlet)
                        .buildExchange(
                                new MockHttpServletRequest(servlet, "GET", "/runs/" + run.get("runId")),
                                new MockHttpServletResponse()),
                Locale.ROOT);
        context.setVariable(
                ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
                new ThymeleafEvaluationContext(beans, null));
        context.setVariable("user", new ConsoleUser("reader", Set.of("READER")));
        context.setVariable("run", run);
        context.setVariable("source", RunSource.of(run));
        return TEMPLATES.process("run", context);
    }

    private static final String TEST_IDS = "9d4e1a7c3b2f8e6d5c4b3a291807f6e5d4c3b2a1908f7e6d5c4b3a2918070f6e";

    /** A succeeded Spark run as {@code GET /v1/training-runs/{runId}} answers it, every field present. */
    static Map<String, Object> sparkRun(Map<String, Object> source) {
        Map<String, Object> lineage = new HashMap<>();
        lineage.put("schemaVersion", 1);
        lineage.put("datasetSha256", "4f1c0a9be0d54b1e9c7d3e8f6a2b5c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b");
        lineage.put("datasetRows", 834);
        lineage.put("splitKind", "stratified");
        lineage.put("testIdsSha256", TEST_IDS);
        lineage.put("source", source);
        Map<String, Object> run = new HashMap<>();
        run.put("runId", "3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b");
        run.put("portfolio", "taiwan-store");
        run.put("status", "SUCCEEDED");
        run.put("engine", "spark");
        run.put("reason", "MANUAL");
        run.put("requestedBy", "trainer");
        run.put("createdAt", "2026-12-02T04:10:00Z");
        run.put("finishedAt", "2026-12-02T04:10:41Z");
        run.put("trainingRows", 667);
        run.put("testRows", 167);
        run.put("selectedModelVersion", 1);
        run.put("promotionDecision", null);
        run.put("failureReason", null);
        run.put("lineage", lineage);
        run.put("algorithms", List.of("XGBOOST"));
        run.put("overrides", Map.of("crossValidation.folds", 2));
        run.put("params", Map.of("seed", "42"));
        run.put(
                "models",
                List.of(Map.of(
                        "algorithm",
                        "XGBOOST",
                        "modelVersion",
                        1,
                        "metrics",
                        Map.of("auc", 0.7712),
                        "onnxParityMaxAbsDiff",
                        2.1e-7)));
        return run;
    }

    /** The source block's facts by their {@code data-fact}, text without tags. */
    private static Map<String, String> facts(String page) {
        Matcher block = Pattern.compile("<section class=\"card\" id=\"run-source\".*?</section>", Pattern.DOTALL)
                .matcher(page);
        assertThat(block.find()).as("the data set block").isTrue();
        Map<String, String> facts = new HashMap<>();
        Matcher fact = Pattern.compile("<dd data-fact=\"(\\w+)\">(.*?)</dd>", Pattern.DOTALL)
                .matcher(block.group());
        while (fact.find()) {
            facts.put(fact.group(1), fact.group(2).replaceAll("<[^>]+>", "").strip());
        }
        return facts;
    }

    @Test
    void aRunThatReadADataSetAtAPathShowsWhatItRead() {
        String page = render(sparkRun(RunSourceTest.source(
                "s3a://training-data/taiwan/sample.csv",
                "csv",
                1,
                251_187L,
                "\"9b2cf535f27731c974343645a3985328\"",
                "sha256:5e0f3b8c",
                1L)));

        assertThat(page).contains("<h2 id=\"source-title\">Data set at a path</h2>");
        assertThat(facts(page))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "path", "s3a://training-data/taiwan/sample.csv",
                        "format", "csv",
                        "files", "1 file",
                        "bytes", "245.3 KiB (251,187 bytes)",
                        // the ETag's quotes are S3's own, escaped as any text the service sends
                        "etag", "&quot;9b2cf535f27731c974343645a3985328&quot;",
                        "fingerprint", "sha256:5e0f3b8c",
                        "rowsSkipped", "1 (no application id, or no outcome)"));
        assertThat(page).doesNotContain("run-source-unread");
        assertThat(page).contains("id=\"test-split\">" + TEST_IDS + "</code>");
    }

    @Test
    void aRunTrainedBeforeTestSplitsWereRecordedShowsNoHash() {
        Map<String, Object> run = sparkRun(null);
        @SuppressWarnings("unchecked")
        Map<String, Object> lineage = (Map<String, Object>) run.get("lineage");
        lineage.remove("testIdsSha256"); // an older service's answer has no such field

        assertThat(render(run)).contains("id=\"test-split\">–</code>");
    }

    @Test
    void aQueuedRunShowsThePathAskedForAndThatItIsNotReadYet() {
        Map<String, Object> run =
                sparkRun(RunSourceTest.source("s3a://training-data/taiwan/", "parquet", null, null, null, null, null));
        run.put("status", "QUEUED");

        String page = render(run);

        assertThat(facts(page)).containsOnlyKeys("path", "format").containsEntry("format", "parquet");
        assertThat(page).contains("id=\"run-source-unread\"");
    }

    @Test
    void aRunThatReadIngestionsTablesHasNoDataSetBlock() {
        String page = render(sparkRun(null));

        assertThat(page)
                .contains("id=\"run-params\"")
                .doesNotContain("run-source")
                .doesNotContain("Data set at a path");
    }

    /** A trial as the run view answers it ({@code trials[]}). */
    private static Map<String, Object> trial(
            String algorithm, int trial, Map<String, Object> values, Integer iterations, Boolean cap, boolean best) {
        Map<String, Object> t = new HashMap<>();
        t.put("algorithm", algorithm);
        t.put("trial", trial);
        t.put("values", values);
        t.put("meanAuc", 0.78125);
        t.put("standardError", 0.0041);
        t.put("foldAucs", List.of(0.78, 0.7825));
        t.put("iterations", iterations);
        t.put("reachedIterationCap", cap);
        t.put("seconds", 3.25);
        t.put("best", best);
        return t;
    }

    /** The trials table's rows by their {@code data-trial}: text without tags, with single spaces, unescaped. */
    private static Map<String, String> trialRows(String page) {
        Matcher row = Pattern.compile("<tr data-trial=\"([\\w-]+)\"[^>]*>(.*?)</tr>", Pattern.DOTALL)
                .matcher(page);
        Map<String, String> rows = new HashMap<>();
        while (row.find()) {
            String text = row.group(2).replaceAll("<[^>]+>", " ").replaceAll("\\s+", " ");
            rows.put(row.group(1), HtmlUtils.htmlUnescape(text.strip()));
        }
        return rows;
    }

    @Test
    void theTrialsTableShowsEachTrialsSettingsScoreAndTheChosenOneAndWarnsOfAnIterationCap() {
        Map<String, Object> run = sparkRun(null);
        run.put(
                "trials",
                List.of(
                        trial("LOGISTIC_REGRESSION", 1, Map.of(), null, null, true),
                        trial("XGBOOST", 1, Map.of(), 212, false, false),
                        trial("XGBOOST", 2, Map.of("xgboost.maxDepth", 6), 600, true, true)));

        String page = render(run);

        assertThat(trialRows(page))
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "LOGISTIC_REGRESSION-1",
                        "LOGISTIC_REGRESSION 1 · chosen the service's settings 0.7813 0.0041 – 3.3",
                        "XGBOOST-1",
                        "XGBOOST 1 the service's settings 0.7813 0.0041 212 3.3",
                        "XGBOOST-2",
                        "XGBOOST 2 · chosen xgboost.maxDepth=6 0.7813 0.0041 600 (cap) 3.3"));
        assertThat(page).contains("id=\"run-iteration-cap\"");
    }

    @Test
    void noTrialRanToItsCapSoThePageWarnsOfNone() {
        Map<String, Object> run = sparkRun(null);
        run.put("trials", List.of(trial("XGBOOST", 1, Map.of(), 212, false, true)));

        String page = render(run);

        assertThat(trialRows(page)).containsOnlyKeys("XGBOOST-1");
        assertThat(page).doesNotContain("run-iteration-cap").doesNotContain("(cap)");
    }

    @Test
    void aRunWithoutTrialsHasNoTrialsTable() {
        assertThat(render(sparkRun(null))).doesNotContain("Search trials").doesNotContain("data-trial");
    }
}
