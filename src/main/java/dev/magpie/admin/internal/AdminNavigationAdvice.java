package dev.magpie.admin.internal;

import dev.magpie.engines.MailCapture;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What the operators' navigation needs on every page: it links only to what works here. */
@ControllerAdvice(basePackageClasses = AdminNavigationAdvice.class)
class AdminNavigationAdvice {

    private final ObjectProvider<MailCapture> capture;

    AdminNavigationAdvice(ObjectProvider<MailCapture> capture) {
        this.capture = capture;
    }

    @ModelAttribute("inboxAvailable")
    boolean inboxAvailable() {
        return capture.getIfAvailable() != null;
    }
}
