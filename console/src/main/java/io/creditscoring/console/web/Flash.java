package io.creditscoring.console.web;

import io.creditscoring.console.platform.ServiceCallException;
import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The outcome of a form, shown once on the page the form redirects to (post/redirect/get): a refusal by the
 * service (403 self-approval, 409 already decided) is a message on the page, not an error page.
 */
public final class Flash {

    private Flash() {}

    public static void run(RedirectAttributes redirect, Supplier<String> action) {
        try {
            redirect.addFlashAttribute("notice", action.get());
        } catch (ServiceCallException e) {
            redirect.addFlashAttribute("problem", e.service().displayName() + " refused: " + e.getMessage());
        }
    }
}
