package dev.magpie.tenancy.internal;

import jakarta.validation.Valid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** "Forgot your password?": ask for a link by email, then choose a new password through it. */
@Controller
@RequestMapping("/password-reset")
class PasswordResetController {

    private static final Logger log = LoggerFactory.getLogger(PasswordResetController.class);

    private final PasswordResets resets;

    PasswordResetController(PasswordResets resets) {
        this.resets = resets;
    }

    @GetMapping
    String requestForm(Model model) {
        if (!model.containsAttribute("form")) {
            model.addAttribute("form", PasswordResetRequestForm.empty());
        }
        return "tenancy/password-reset";
    }

    @PostMapping
    String request(@Valid @ModelAttribute("form") PasswordResetRequestForm form, BindingResult errors,
            RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            return "tenancy/password-reset";
        }
        try {
            resets.request(form.email());
        }
        catch (MailException failed) {
            // The answer must not depend on whether the email has a login, so the failure goes to the log.
            log.error("Could not send a password-reset email", failed);
        }
        redirect.addFlashAttribute("sentTo", form.email().trim());
        return "redirect:/password-reset";
    }

    @GetMapping("/{token}")
    String newPasswordForm(@PathVariable String token, Model model) {
        if (!resets.isUsable(token)) {
            return "tenancy/password-reset-invalid";
        }
        model.addAttribute("token", token);
        model.addAttribute("form", NewPasswordForm.empty());
        return "tenancy/password-reset-new";
    }

    @PostMapping("/{token}")
    String reset(@PathVariable String token, @Valid @ModelAttribute("form") NewPasswordForm form,
            BindingResult errors, Model model, RedirectAttributes redirect) {
        if (errors.hasErrors()) {
            model.addAttribute("token", token);
            return "tenancy/password-reset-new";
        }
        try {
            resets.reset(token, form.password());
        }
        catch (TenancyException refused) {
            return "tenancy/password-reset-invalid";
        }
        redirect.addFlashAttribute("flashCode", "password-reset.done");
        return "redirect:/signin";
    }
}
