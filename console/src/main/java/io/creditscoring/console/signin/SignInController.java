package io.creditscoring.console.signin;

import io.creditscoring.console.platform.Caller;
import io.creditscoring.console.platform.KeyRejectedException;
import io.creditscoring.console.platform.PlatformApi;
import io.creditscoring.console.platform.ServiceCallException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Sign-in with an API key: the services say who the key is; the session keeps it from then on. */
@Controller
class SignInController {

    private final PlatformApi platform;
    private final SecurityContextRepository contexts;

    SignInController(PlatformApi platform, SecurityContextRepository contexts) {
        this.platform = platform;
        this.contexts = contexts;
    }

    @GetMapping("/sign-in")
    String form() {
        return "sign-in";
    }

    @PostMapping("/sign-in")
    String signIn(
            @RequestParam(defaultValue = "") String apiKey,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        String key = apiKey.strip();
        if (key.isEmpty()) {
            return refused(model, "Enter an API key.");
        }
        Caller caller;
        try {
            caller = platform.whoIs(key);
        } catch (KeyRejectedException e) {
            return refused(model, "This API key is unknown, revoked or expired.");
        } catch (ServiceCallException e) {
            return refused(model, e.getMessage());
        }
        // a new session for the signed-in user: an id seen before sign-in is never the signed-in one
        HttpSession before = request.getSession(false);
        if (before != null) {
            before.invalidate();
        }
        request.getSession(true);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ConsoleAuthentication(new ConsoleUser(caller.keyId(), caller.roles()), key));
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        return "redirect:/";
    }

    /** The form again with the reason (200, as a form page: the browser shows it, nothing failed to load). */
    private static String refused(Model model, String message) {
        model.addAttribute("error", message);
        return "sign-in";
    }
}
