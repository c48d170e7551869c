package io.creditscoring.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a state-changing endpoint: every call is written to the audit log with the caller's key id, before the
 * handler runs (outcome STARTED; when the row cannot be written the call is refused with 503 and nothing
 * happens) and completed with the outcome afterwards. Each service's authorization matrix test checks that
 * every endpoint other than GET carries it.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Audited {

    /** The action's name in the log, {@code <thing>.<verb>}, for example {@code portfolio.register}. */
    String value();
}
