package dev.magpie.admin.internal;

import jakarta.validation.Valid;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** Lets an operator replace the password they were given, such as the bootstrap one. */
@Controller
class PasswordController {

    private final OperatorRepository operators;

    private final PasswordEncoder passwordEncoder;

    PasswordController(OperatorRepository operators, PasswordEncoder passwordEncoder) {
        this.operators = operators;
        this.passwordEncoder = passwordEncoder;
    }

    @GetMapping("/admin/password")
    String form(Model model) {
        model.addAttribute("form", PasswordForm.empty());
        return "admin/password";
    }

    @PostMapping("/admin/password")
    String change(@Valid @ModelAttribute("form") PasswordForm form, BindingResult errors,
            Authentication authentication, RedirectAttributes redirect) {
        Operator operator = operators.findByUsername(authentication.getName()).orElseThrow();
        if (!errors.hasFieldErrors("currentPassword")
                && !passwordEncoder.matches(form.currentPassword(), operator.passwordHash())) {
            errors.rejectValue("currentPassword", "admin.password.error.current");
        }
        if (errors.hasErrors()) {
            return "admin/password";
        }
        operator.changePassword(passwordEncoder.encode(form.newPassword()));
        operators.save(operator);
        redirect.addFlashAttribute("flashCode", "admin.password.changed");
        return "redirect:/admin";
    }
}
