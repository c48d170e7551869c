package io.creditscoring.console.web;

import io.creditscoring.console.platform.KeyRejectedException;
import io.creditscoring.console.platform.ServiceCallException;
import io.creditscoring.console.signin.ConsoleUser;
import io.creditscoring.console.signin.SignedInKey;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page shows (who is signed in) and how a refused or failed service call is shown. */
@ControllerAdvice
class PageAdvice {

    @ModelAttribute("user")
    ConsoleUser user() {
        return SecurityContextHolder.getContext().getAuthentication() != null
                        && SecurityContextHolder.getContext()
                                        .getAuthentication()
                                        .getPrincipal()
                                instanceof ConsoleUser
                ? SignedInKey.user()
                : null;
    }

    /** The key was revoked or expired while signed in: the session ends, the person signs in again. */
    @ExceptionHandler(KeyRejectedException.class)
    String keyRejected(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return "redirect:/sign-in?expired";
    }

    @ExceptionHandler(ServiceCallException.class)
    String serviceRefused(ServiceCallException e, HttpServletResponse response, Model model) {
        response.setStatus(e.status() >= 400 && e.status() < 600 ? e.status() : 502);
        model.addAttribute("user", user());
        model.addAttribute("service", e.service().displayName());
        model.addAttribute("status", e.status());
        model.addAttribute("message", e.getMessage());
        return "service-error";
    }
}
