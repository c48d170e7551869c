package io.creditscoring.web;

import io.creditscoring.model.CreditJson;
import java.io.IOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report as problem details instead of an HTML page. Tomcat answers some requests itself before
 * any filter or handler runs (an encoded {@code /} or {@code \}, a NUL in the path, a malformed request line);
 * with this valve those refusals look like every other error of the platform.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        HttpStatus known = HttpStatus.resolve(status);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", (status == 400 ? ProblemTypes.REQUEST_REJECTED : ProblemTypes.INTERNAL).toString());
        problem.put("title", known == null ? "Error" : known.getReasonPhrase());
        problem.put("status", status);
        problem.put(
                "detail",
                status == 400
                        ? "The request was rejected before it reached the service (for example an encoded '/' or"
                                + " '\\', or a NUL, in the path). Send the path in its plain form."
                        : "The request could not be served.");
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(CreditJson.json().writeValueAsString(problem));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away or the response cannot be written: nothing more to do
        }
    }
}
