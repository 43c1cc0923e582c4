package dev.magpie.admin.internal;

import dev.magpie.engines.CapturedMail;
import dev.magpie.engines.MailCapture;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * The dev inbox: the email that the local run's SMTP server caught, so a newcomer sees what Magpie sends.
 * Production has no {@link MailCapture}; there the page says where to look instead.
 */
@Controller
class InboxController {

    /** Enough to find what was just sent; the capture itself keeps a bounded number. */
    static final int SHOWN = 200;

    private final ObjectProvider<MailCapture> capture;

    InboxController(ObjectProvider<MailCapture> capture) {
        this.capture = capture;
    }

    @GetMapping("/admin/inbox")
    String inbox(Model model) {
        model.addAttribute("section", "inbox");
        MailCapture mailCapture = capture.getIfAvailable();
        if (mailCapture == null) {
            return "admin/inbox-unavailable";
        }
        model.addAttribute("messages", mailCapture.recent(SHOWN));
        return "admin/inbox";
    }

    @GetMapping("/admin/inbox/{id}")
    String message(@PathVariable String id, Model model) {
        MailCapture mailCapture = capture.getIfAvailable();
        if (mailCapture == null) {
            return "redirect:/admin/inbox";
        }
        CapturedMail message = mailCapture.find(id)
            .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
        model.addAttribute("section", "inbox");
        model.addAttribute("message", message);
        return "admin/inbox-message";
    }
}
