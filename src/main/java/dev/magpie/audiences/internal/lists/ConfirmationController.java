package dev.magpie.audiences.internal.lists;

import dev.magpie.audiences.internal.lists.ListSubscriptions.Confirmation;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The page a subscriber lands on from a double opt-in email: no sign-in, just the answer. A link that was altered,
 * names nothing Magpie knows, or has expired confirms nothing.
 */
@Controller
class ConfirmationController {

    private final ListSubscriptions subscriptions;

    ConfirmationController(ListSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @GetMapping("/subscriptions/confirm/{token}")
    String confirm(@PathVariable String token, Model model, HttpServletResponse response) {
        Confirmation outcome = subscriptions.confirm(token);
        if (outcome == Confirmation.INVALID || outcome == Confirmation.EXPIRED) {
            response.setStatus(outcome == Confirmation.EXPIRED ? HttpServletResponse.SC_GONE
                    : HttpServletResponse.SC_NOT_FOUND);
        }
        model.addAttribute("outcome", outcome.name());
        return "audiences/confirmation";
    }
}
