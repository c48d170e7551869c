package io.creditscoring.scoring.score;

import io.creditscoring.model.portfolio.SchemaViolation;
import io.creditscoring.web.ApiProblemException;
import io.creditscoring.web.ProblemTypes;
import java.util.List;
import org.springframework.http.HttpStatus;

/** The scoring API's client errors beyond platform-web's common ones. */
public final class ScoringProblems extends ApiProblemException {

    private ScoringProblems(HttpStatus status, String title, String detail, List<SchemaViolation> errors) {
        super(status, ProblemTypes.VALIDATION, title, detail);
        getBody().setProperty("errors", List.copyOf(errors));
    }

    /** A body or a batch larger than this service accepts (413), naming the offending field. */
    public static ScoringProblems tooLarge(String detail, SchemaViolation error) {
        return new ScoringProblems(HttpStatus.CONTENT_TOO_LARGE, "Request too large", detail, List.of(error));
    }

    /** A body that is not well-formed JSON (400), with where the parser stopped. */
    public static ScoringProblems malformed(String detail, SchemaViolation error) {
        return new ScoringProblems(HttpStatus.BAD_REQUEST, "Malformed request", detail, List.of(error));
    }
}
