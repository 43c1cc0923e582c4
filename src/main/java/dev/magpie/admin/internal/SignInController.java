package dev.magpie.admin.internal;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The operators' sign-in page; Spring Security handles the form's POST. */
@Controller
class SignInController {

    @GetMapping(AdminSecurityConfiguration.SIGN_IN_PATH)
    String signIn(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated() ? "redirect:/admin" : "admin/signin";
    }
}
