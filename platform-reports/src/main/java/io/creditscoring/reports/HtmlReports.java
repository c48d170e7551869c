package io.creditscoring.reports;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.context.Context;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * Renders a report template to a String, outside any web request: the reports are stored as artifacts and served as
 * text. Templates are Thymeleaf HTML files on the classpath under {@code reports/} (this module's
 * {@code reports/charts.html} and {@code reports/layout.html} fragments, each service's own page); every {@code
 * th:text} and attribute value is HTML-escaped by Thymeleaf ({@code < > & " '}), so no report escapes by hand.
 *
 * <p>Template names are global on a shared classpath (the standalone runs every service in one JVM): each service
 * names its page after itself ({@code comparison-report}, {@code drift-report}).
 */
public final class HtmlReports {

    /** Thread-safe; parsed templates are cached for the life of the JVM. */
    private static final TemplateEngine ENGINE = engine();

    private HtmlReports() {}

    /**
     * @param template the template's name without folder and suffix, e.g. {@code drift-report}
     * @param variables what the template reads; {@code fmt} ({@link ReportNumbers}) is always added
     */
    public static String render(String template, Map<String, ?> variables) {
        Context context = new Context(Locale.ROOT);
        variables.forEach(context::setVariable);
        context.setVariable("fmt", ReportNumbers.INSTANCE);
        return ENGINE.process(template, context);
    }

    private static TemplateEngine engine() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(HtmlReports.class.getClassLoader());
        resolver.setPrefix("reports/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCacheable(true);
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
