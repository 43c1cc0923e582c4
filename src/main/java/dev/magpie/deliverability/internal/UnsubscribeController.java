package dev.magpie.deliverability.internal;

import dev.magpie.deliverability.internal.Unsubscriber.Method;
import dev.magpie.deliverability.internal.Unsubscriber.Outcome;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Where unsubscribe links lead, with no sign-in. {@code GET} shows a page with one button, which posts back here;
 * {@code POST} unsubscribes, both from that button and from a mailbox's one-click button (RFC 8058: the body
 * {@code List-Unsubscribe=One-Click}), and answers 200 with the outcome: no redirect, nothing more to confirm.
 * A link that was altered unsubscribes nobody and answers 404.
 */
@Controller
class UnsubscribeController {

    /** The page's button sends this, so that its unsubscriptions are told from one-click ones. */
    static final String VIA_PAGE = "page";

    private final Unsubscriber unsubscriber;

    UnsubscribeController(Unsubscriber unsubscriber) {
        this.unsubscriber = unsubscriber;
    }

    @GetMapping("/unsubscribe/{token}")
    String page(@PathVariable String token, Model model, HttpServletResponse response) {
        var claim = unsubscriber.check(token);
        if (claim.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            model.addAttribute("outcome", Outcome.INVALID.name());
            return "deliverability/unsubscribe";
        }
        model.addAttribute("email", claim.get().email());
        model.addAttribute("token", token);
        return "deliverability/unsubscribe";
    }

    @PostMapping("/unsubscribe/{token}")
    String unsubscribe(@PathVariable String token, @RequestParam(defaultValue = "") String via, Model model,
            HttpServletResponse response) {
        Outcome outcome = unsubscriber.unsubscribe(token, VIA_PAGE.equals(via) ? Method.PAGE : Method.ONE_CLICK);
        if (outcome == Outcome.INVALID) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        }
        model.addAttribute("outcome", outcome.name());
        return "deliverability/unsubscribe";
    }
}
